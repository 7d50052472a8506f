package io.prescal.traffic.engine;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The load of one event loop: its connections, its share of the requests and its statistics. Every
 * method runs on {@link #loop}, so nothing here is locked. Subclasses decide when to send: as soon
 * as a response returns (closed model) or at planned times (open model).
 */
abstract class Worker {

  static final String HANDLER = "client";

  final EventLoop loop;
  final LoadPlan plan;
  final RunClock clock;
  final WorkerStats stats;
  final RequestBudget budget;
  final List<Origin> origins = new ArrayList<>();

  /** Shared by the response parsers of this worker's connections (all on {@link #loop}). */
  final byte[] scratch = ResponseParser.newScratch();

  private final BackendTally backends;
  private final List<ClientConnection> connections = new ArrayList<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  int inFlight;
  int open;
  boolean running = true;
  private boolean closing;

  Worker(EventLoop loop, LoadPlan plan, RunClock clock, RequestBudget budget, BackendTally tally) {
    this.loop = loop;
    this.plan = plan;
    this.clock = clock;
    this.budget = budget;
    this.backends = tally;
    this.stats = new WorkerStats();
    Map<InetSocketAddress, List<Target>> byAddress = new LinkedHashMap<>();
    plan.targets()
        .forEach(t -> byAddress.computeIfAbsent(t.address(), a -> new ArrayList<>()).add(t));
    byAddress.forEach((address, targets) -> origins.add(new Origin(this, address, targets)));
  }

  /** The statistics this worker writes. */
  WorkerStats stats() {
    return stats;
  }

  /** Completes once this worker stopped and every connection closed. */
  CompletableFuture<Void> done() {
    return done;
  }

  String backendHeader() {
    return plan.backendHeader();
  }

  void start() {
    loop.execute(
        () -> {
          long period = Math.clamp(plan.requestTimeout().toMillis() / 20, 5, 100);
          loop.scheduleAtFixedRate(this::sweep, period, period, TimeUnit.MILLISECONDS);
          loop.schedule(this::stop, clock.endNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
          // Nothing leaves before the start: a request sent earlier would count as warm-up.
          loop.schedule(this::begin, clock.startNanos() - System.nanoTime(), TimeUnit.NANOSECONDS);
        });
  }

  Channel connect(Origin origin) {
    open++;
    origin.connecting++;
    ChannelFuture f = origin.bootstrap.connect();
    f.addListener(
        (ChannelFuture future) -> {
          origin.connecting--;
          if (future.isSuccess()) {
            ClientConnection c = (ClientConnection) future.channel().pipeline().get(HANDLER);
            connections.add(c);
            publishGauges();
            if (running) {
              connected(c);
            } else {
              c.close();
            }
          } else {
            open--;
            connectFailed(origin, future.channel());
            checkDone();
          }
        });
    return f.channel();
  }

  /**
   * Sends the next request of {@code c}'s origin on {@code c}, counting it; {@code sentNanos} is
   * now (taken by the caller, which needed the time anyway: one clock read per request).
   */
  void send(ClientConnection c, long intendedNanos, long sentNanos, boolean measured) {
    inFlight++;
    if (measured) {
      stats.add(Counter.SENT, 1);
    }
    Origin o = c.origin();
    c.send(o.nextTarget(), intendedNanos, sentNanos, measured);
  }

  void completed(ClientConnection c) {
    inFlight--;
    long now = System.nanoTime();
    if (c.measured()) {
      stats.complete(c.intendedNanos(), c.sentNanos(), now, c.status());
      stats.add(Counter.BYTES_READ, c.bytes());
      boolean bad = c.status() >= 400;
      if (bad) {
        stats.add(Counter.BAD_STATUS, 1);
      }
      if (c.backend() != null) {
        backends.record(c.backend(), WorkerStats.micros(now - c.intendedNanos()), bad);
      }
    } else {
      stats.add(Counter.WARMUP, 1);
    }
    released(c, now);
    checkDone();
  }

  void failed(ClientConnection c, ErrorClass error) {
    inFlight--;
    if (c.measured()) {
      stats.add(Counter.of(error), 1);
    }
  }

  void closed(ClientConnection c) {
    if (connections.remove(c)) {
      open--;
      publishGauges();
      lost(c);
    }
    checkDone();
  }

  void stop() {
    if (running) {
      running = false;
      stopped();
      checkDone();
    }
  }

  void checkDone() {
    if (running || inFlight > 0) {
      return;
    }
    if (!closing) {
      // Once: every close calls back here, and closing a closing channel again costs an exception.
      closing = true;
      for (ClientConnection c : List.copyOf(connections)) {
        c.close();
      }
    }
    publishGauges();
    if (open == 0 && !done.isDone()) {
      origins.forEach(Origin::release);
      done.complete(null);
    }
  }

  private void publishGauges() {
    stats.gauges(inFlight, open);
  }

  private void sweep() {
    long now = System.nanoTime();
    long timeout = plan.requestTimeout().toNanos();
    List<ClientConnection> late = null;
    for (ClientConnection c : connections) {
      if (c.busy() && now - c.sentNanos() > timeout) {
        (late == null ? late = new ArrayList<>() : late).add(c);
      }
    }
    if (late != null) {
      late.forEach(ClientConnection::timeOut);
    }
    publishGauges();
  }

  /** Starts sending. */
  abstract void begin();

  /** A new connection is ready. */
  abstract void connected(ClientConnection c);

  /** A connection could not be made. */
  abstract void connectFailed(Origin origin, Channel channel);

  /**
   * A response completed on {@code c} at {@code nowNanos}; it may be reused if {@link
   * ClientConnection#reusable}.
   */
  abstract void released(ClientConnection c, long nowNanos);

  /** {@code c} closed. */
  abstract void lost(ClientConnection c);

  /** Sending stopped (deadline, budget or profile end): drop what is not sent. */
  abstract void stopped();
}
