package io.prescal.traffic.engine;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.prescal.traffic.plan.Schedule;
import java.util.function.Consumer;

/**
 * The open model: requests leave at planned times whatever the responses do, so a slow server
 * cannot slow the load down (no coordinated omission). A due request takes a connection with room
 * (HTTP/1.1: an idle one; HTTP/2: one with fewer than {@code --streams} in flight, taken in turn so
 * the load spreads over them); without one, the worker opens connections up to its share of {@code
 * --max-connections}; at the limit requests wait (counted late) and keep their intended time, so
 * their latency includes the wait, and so does the connect (and TLS handshake) of a connection
 * opened for them.
 */
final class OpenWorker extends Worker {

  private final Schedule schedule;
  private final int initial;
  private final int limit;
  private long nextDue = -1;
  private long afterDue = -1;
  private int nextOrigin;
  private boolean planDone;
  private final Pacer pacer;

  OpenWorker(
      EventLoop loop,
      LoadPlan plan,
      RunClock clock,
      RequestBudget budget,
      BackendTally tally,
      Consumer<String> abort,
      Schedule schedule,
      int initial,
      int limit) {
    super(loop, plan, clock, budget, tally, abort);
    this.schedule = schedule;
    this.initial = initial;
    this.limit = Math.max(1, limit);
    this.pacer = new Pacer(loop, this::tick);
  }

  @Override
  void begin() {
    for (int i = 0; i < initial; i++) {
      connect(origins.get(i % origins.size()));
    }
    afterDue = due(schedule.next());
    advance();
    tick();
  }

  private void tick() {
    if (!running) {
      return;
    }
    long now = System.nanoTime();
    while (nextDue != -1 && nextDue - now <= 0) {
      if (nextDue - clock.endNanos() >= 0) {
        nextDue = -1;
        break;
      }
      boolean measured = clock.measured(nextDue);
      if (measured && !budget.take()) {
        nextDue = -1;
        break;
      }
      if (measured) {
        // How late the generator took this request off its plan: a late timer, a descheduled
        // thread, a loop busy elsewhere, a GC pause. Every planned request counts, including those
        // that will wait for a connection (their wait is the server's, counted in their latency).
        stats.lag(now - nextDue);
      }
      Origin origin = origins.get(nextOrigin);
      nextOrigin = nextOrigin + 1 == origins.size() ? 0 : nextOrigin + 1;
      origin.pending.add(nextDue, measured);
      advance();
    }
    for (Origin origin : origins) {
      drain(origin);
    }
    if (nextDue == -1) {
      planDone = true;
      pacer.stop();
      stopWhenSent();
    } else {
      pacer.arm(nextDue, afterDue == -1 ? 0 : afterDue - nextDue);
    }
  }

  /** Moves to the next planned request (keeping the one after it, for the pacer's period). */
  private void advance() {
    nextDue = afterDue;
    afterDue = nextDue == -1 ? -1 : due(schedule.next());
  }

  private long due(long offset) {
    return offset < 0 ? -1 : clock.startNanos() + offset;
  }

  private void drain(Origin origin) {
    while (!origin.pending.isEmpty()) {
      Connection c = origin.idle.peekLast();
      if (c == null) {
        grow(origin);
        return;
      }
      if (!c.hasRoom()) {
        origin.idle.pollLast();
        c.listed = false;
        continue;
      }
      long intended = origin.pending.headIntended();
      boolean measured = origin.pending.headMeasured();
      origin.pending.removeHead();
      send(c, intended, System.nanoTime(), measured);
      if (origin.idle.peekLast() == c) {
        // Off the list once full; with room left (HTTP/2) to the front, so the next request takes
        // another connection.
        origin.idle.pollLast();
        if (c.hasRoom()) {
          origin.idle.addFirst(c);
        } else {
          c.listed = false;
        }
      }
    }
    stopWhenSent();
  }

  /**
   * Once the plan is spent (profile over, or {@code -n} reached) the worker stops when every
   * planned request has left; only the deadline drops requests still waiting (unsent).
   */
  private void stopWhenSent() {
    if (planDone && origins.stream().allMatch(o -> o.pending.isEmpty())) {
      stop();
    }
  }

  private void grow(Origin origin) {
    while (coming(origin) < origin.pending.size() && open < limit) {
      connect(origin);
    }
    if (open >= limit && coming(origin) < origin.pending.size()) {
      stats.add(Counter.LATE, origin.pending.markLate());
    }
  }

  /** Requests the connections being opened will carry at once. */
  private static int coming(Origin origin) {
    return origin.connecting * origin.perConnection;
  }

  @Override
  void connected(Connection c) {
    list(c);
    drain(c.origin());
  }

  private static void list(Connection c) {
    if (!c.listed) {
      c.listed = true;
      c.origin().idle.addLast(c);
    }
  }

  @Override
  void connectFailed(Origin origin, Channel channel) {
    if (!origin.pending.isEmpty()) {
      boolean measured = origin.pending.headMeasured();
      origin.pending.removeHead();
      stats.add(measured ? Counter.CONNECT : Counter.WARMUP, 1);
      if (running) {
        drain(origin);
      }
      stopWhenSent();
    }
  }

  @Override
  void released(Connection c, long nowNanos) {
    if (c.reusable() && running) {
      if (c.hasRoom()) {
        list(c);
      }
      drain(c.origin());
    } else if (c.inFlight() == 0) {
      c.close();
    }
  }

  @Override
  void lost(Connection c) {
    if (c.listed) {
      c.listed = false;
      c.origin().idle.remove(c);
    }
    if (running && !c.origin().pending.isEmpty()) {
      drain(c.origin());
    }
  }

  @Override
  void stopped() {
    // Requests due before the stop that the generator never took off its plan (it fell behind):
    // unsent too, and late by at least their age, so the lag shows that the plan was not kept.
    long now = System.nanoTime();
    while (nextDue != -1 && nextDue - clock.endNanos() < 0 && nextDue - now <= 0) {
      if (clock.measured(nextDue) && budget.take()) {
        stats.lag(now - nextDue);
        stats.add(Counter.UNSENT, 1);
      }
      advance();
    }
    pacer.stop();
    for (Origin origin : origins) {
      stats.add(Counter.UNSENT, origin.pending.clear());
      origin.idle.forEach(c -> c.listed = false);
      origin.idle.clear();
    }
  }
}
