package io.prescal.traffic.engine;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The closed model: a fixed number of connections, each sending its next request as soon as the
 * previous response is complete, as wrk does; with HTTP/2, each keeps {@code --streams} requests in
 * flight, as h2load's {@code -m}. A connection's first request is taken from the budget before it
 * is opened, so {@code -n} also bounds connections with keep-alive off. A request's intended time
 * is when it was sent: its connection was ready (connect and TLS handshake done) before it existed.
 */
final class ClosedWorker extends Worker {

  private static final long RETRY_MILLIS = 50;
  private static final AttributeKey<Boolean> MEASURED = AttributeKey.valueOf("prescal.measured");
  private final int share;
  private int slots;

  ClosedWorker(
      EventLoop loop,
      LoadPlan plan,
      RunClock clock,
      RequestBudget budget,
      BackendTally tally,
      Consumer<String> abort,
      int share) {
    super(loop, plan, clock, budget, tally, abort);
    this.share = share;
  }

  @Override
  void begin() {
    slots = share;
    for (int i = 0; i < share; i++) {
      reserveAndConnect(origins.get(i % origins.size()));
    }
  }

  /** Takes the next request from the budget, then opens a connection to send it on. */
  private void reserveAndConnect(Origin origin) {
    if (!running) {
      return;
    }
    boolean measured = clock.measured(System.nanoTime());
    if (measured && !budget.take()) {
      endSlot();
      return;
    }
    connect(origin).attr(MEASURED).set(measured);
  }

  /** One connection's loop ends (the budget is spent); the last one stops the worker. */
  private void endSlot() {
    if (--slots == 0) {
      stop();
    }
  }

  @Override
  void connected(Connection c) {
    long now = System.nanoTime();
    send(c, now, now, Boolean.TRUE.equals(c.channel().attr(MEASURED).get()));
    fill(c, now);
  }

  /** Sends on {@code c} until it has no room (HTTP/1.1: one request; HTTP/2: its streams). */
  private void fill(Connection c, long now) {
    while (c.hasRoom()) {
      boolean measured = clock.measured(now);
      if (measured && !budget.take()) {
        c.ended = true;
        endSlot();
        closeWhenIdle(c);
        return;
      }
      send(c, now, now, measured);
    }
  }

  private static void closeWhenIdle(Connection c) {
    if (c.inFlight() == 0) {
      c.close();
    }
  }

  @Override
  void connectFailed(Origin origin, Channel channel) {
    boolean measured = Boolean.TRUE.equals(channel.attr(MEASURED).get());
    stats.add(measured ? Counter.CONNECT : Counter.WARMUP, 1);
    // A refused connection fails at once: wait a little so a dead target is not hammered.
    loop.schedule(() -> reserveAndConnect(origin), RETRY_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  void released(Connection c, long nowNanos) {
    if (!running || !c.reusable() || c.ended) {
      closeWhenIdle(c);
    } else {
      fill(c, nowNanos);
    }
  }

  @Override
  void lost(Connection c) {
    if (!c.ended) {
      reserveAndConnect(c.origin());
    }
  }

  @Override
  void stopped() {}
}
