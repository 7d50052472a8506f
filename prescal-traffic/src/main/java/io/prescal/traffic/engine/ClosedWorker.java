package io.prescal.traffic.engine;

import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import java.util.concurrent.TimeUnit;

/**
 * The closed model: a fixed number of connections, each sending its next request as soon as the
 * previous response is complete, as wrk does. A request is taken from the budget before its
 * connection is opened, so {@code -n} also bounds connections with keep-alive off. Its intended
 * time is when it was sent.
 */
final class ClosedWorker extends Worker {

  private static final long RETRY_MILLIS = 50;
  private static final AttributeKey<Boolean> MEASURED = AttributeKey.valueOf("prescal.measured");
  private static final AttributeKey<Boolean> ENDED = AttributeKey.valueOf("prescal.slot.ended");
  private final int share;
  private int slots;

  ClosedWorker(
      EventLoop loop,
      LoadPlan plan,
      RunClock clock,
      RequestBudget budget,
      BackendTally tally,
      int share) {
    super(loop, plan, clock, budget, tally);
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
  void connected(ClientConnection c) {
    long now = System.nanoTime();
    send(c, now, now, Boolean.TRUE.equals(c.channel().attr(MEASURED).get()));
  }

  private void next(ClientConnection c, long now) {
    if (!running) {
      c.close();
      return;
    }
    boolean measured = clock.measured(now);
    if (measured && !budget.take()) {
      c.channel().attr(ENDED).set(true);
      c.close();
      endSlot();
      return;
    }
    send(c, now, now, measured);
  }

  @Override
  void connectFailed(Origin origin, Channel channel) {
    boolean measured = Boolean.TRUE.equals(channel.attr(MEASURED).get());
    stats.add(measured ? Counter.CONNECT : Counter.WARMUP, 1);
    // A refused connection fails at once: wait a little so a dead target is not hammered.
    loop.schedule(() -> reserveAndConnect(origin), RETRY_MILLIS, TimeUnit.MILLISECONDS);
  }

  @Override
  void released(ClientConnection c, long nowNanos) {
    if (c.reusable()) {
      next(c, nowNanos);
    } else {
      c.close();
    }
  }

  @Override
  void lost(ClientConnection c) {
    if (!Boolean.TRUE.equals(c.channel().attr(ENDED).get())) {
      reserveAndConnect(c.origin());
    }
  }

  @Override
  void stopped() {}
}
