package io.prescal.traffic.engine;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

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
  private final Consumer<String> abort;
  private final List<Connection> connections = new ArrayList<>();
  private final CompletableFuture<Void> done = new CompletableFuture<>();
  int inFlight;
  int open;
  boolean running = true;
  private boolean closing;

  /**
   * @param abort ends the whole run with a message, for a failure no retry can fix
   */
  Worker(
      EventLoop loop,
      LoadPlan plan,
      RunClock clock,
      RequestBudget budget,
      BackendTally tally,
      Consumer<String> abort) {
    this.loop = loop;
    this.plan = plan;
    this.clock = clock;
    this.budget = budget;
    this.backends = tally;
    this.abort = abort;
    this.stats = new WorkerStats();
    Map<String, List<Target>> byOrigin = new LinkedHashMap<>();
    plan.targets()
        .forEach(t -> byOrigin.computeIfAbsent(t.origin(), o -> new ArrayList<>()).add(t));
    byOrigin.values().forEach(targets -> origins.add(new Origin(this, targets)));
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

  /**
   * Opens a connection to {@code origin}. It counts as connecting until it is ready: at once for
   * plain HTTP/1.1, after the TLS handshake or the server's HTTP/2 SETTINGS otherwise.
   */
  Channel connect(Origin origin) {
    open++;
    origin.connecting++;
    ChannelFuture f = origin.bootstrap.connect();
    f.addListener(
        (ChannelFuture future) -> {
          if (future.isSuccess()) {
            Connection c = (Connection) future.channel().pipeline().get(HANDLER);
            connections.add(c);
            if (origin.readyOnConnect) {
              c.ready();
            } else {
              c.connected(System.nanoTime());
            }
          } else {
            origin.connecting--;
            open--;
            notConnected(origin, future.channel(), future.cause());
            checkDone();
          }
        });
    return f.channel();
  }

  /** {@code c} can carry requests. */
  void ready(Connection c) {
    c.origin().connecting--;
    stats.connected(c.connectNanos(), c.handshakeNanos());
    publishGauges();
    if (running) {
      connected(c);
    } else {
      c.close();
    }
  }

  private void notConnected(Origin origin, Channel channel, Throwable cause) {
    String fatal = SetupFailure.fatal(origin.first, plan.wire(), cause);
    if (fatal != null) {
      abort.accept(fatal);
    }
    stats.connectError(SetupFailure.describe(cause));
    connectFailed(origin, channel);
  }

  /** Sends the next request of {@code c}'s origin on {@code c}, counting it. */
  void send(Connection c, long intendedNanos, long sentNanos, boolean measured) {
    inFlight++;
    if (measured) {
      stats.add(Counter.SENT, 1);
    }
    Origin o = c.origin();
    c.send(o.nextTarget(), intendedNanos, sentNanos, measured);
  }

  /**
   * A response to {@code e} completed on {@code c}. Reads {@code e} first: once released, {@code c}
   * may reuse it for its next request.
   */
  void completed(Connection c, Exchange e) {
    inFlight--;
    long now = System.nanoTime();
    if (e.measured) {
      stats.complete(e.intendedNanos, e.sentNanos, now, e.status);
      stats.add(Counter.BYTES_READ, e.bytes);
      boolean bad = e.status >= 400;
      if (bad) {
        stats.add(Counter.BAD_STATUS, 1);
      }
      if (e.backend != null) {
        backends.record(e.backend, WorkerStats.micros(now - e.intendedNanos), bad);
      }
    } else {
      stats.add(Counter.WARMUP, 1);
    }
    released(c, now);
    checkDone();
  }

  /** The request of {@code e} failed; its connection closes (HTTP/1.1) and reports that. */
  void failed(Exchange e, ErrorClass error) {
    inFlight--;
    if (e.measured) {
      stats.add(Counter.of(error), 1);
    }
  }

  /** The request of {@code e} failed on {@code c}, which lives on (an HTTP/2 stream ended). */
  void streamFailed(Connection c, Exchange e, ErrorClass error) {
    failed(e, error);
    released(c, System.nanoTime());
    checkDone();
  }

  void closed(Connection c) {
    if (connections.remove(c)) {
      open--;
      if (c.isReady()) {
        lost(c);
      } else {
        c.origin().connecting--;
        notConnected(c.origin(), c.channel(), c.setupFailure());
      }
      publishGauges();
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
      for (Connection c : List.copyOf(connections)) {
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
    long connectTimeout = plan.connectTimeout().toNanos();
    List<Connection> late = null;
    for (Connection c : connections) {
      if (c.late(now, timeout) || c.setupLate(now, connectTimeout)) {
        (late == null ? late = new ArrayList<>() : late).add(c);
      }
    }
    if (late != null) {
      for (Connection c : late) {
        if (c.isReady()) {
          c.timeOut(now, timeout);
        } else {
          c.failSetup(
              new Connection.SetupTimeout(
                  "not ready within the connect timeout of "
                      + plan.connectTimeout().toMillis()
                      + " ms (TLS handshake or HTTP/2 SETTINGS)"));
        }
      }
    }
    publishGauges();
  }

  /** Starts sending. */
  abstract void begin();

  /** A new connection is ready. */
  abstract void connected(Connection c);

  /** A connection could not be made (counted and explained already). */
  abstract void connectFailed(Origin origin, Channel channel);

  /**
   * A request on {@code c} ended at {@code nowNanos}; {@code c} may take another if {@link
   * Connection#hasRoom}, or once others end if {@link Connection#reusable}.
   */
  abstract void released(Connection c, long nowNanos);

  /** {@code c} closed. */
  abstract void lost(Connection c);

  /** Sending stopped (deadline, budget or profile end): drop what is not sent. */
  abstract void stopped();
}
