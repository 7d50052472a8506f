package io.prescal.traffic.engine;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Wakes the open model's worker at each planned send time without a new timer per request. A
 * one-shot timer per request is an object per request (20,000 a second at 20,000 req/s): garbage
 * that makes the JVM grow its young generation, run the collector and pause. The pacer keeps one
 * fixed-rate timer whose period is the gap between planned requests, so at a steady rate it fires
 * on every planned time by itself; it is re-armed (one object) only when the plan moves away from
 * it by more than {@link #SLACK_NANOS}: a rate change, a ramp drifting, the thread waking late.
 * Lives on its worker's event loop.
 */
final class Pacer {

  /** How late after a planned time the timer may fire and still be kept. */
  static final long SLACK_NANOS = 20_000;

  private final EventLoop loop;
  private final Runnable task;
  private ScheduledFuture<?> timer;

  Pacer(EventLoop loop, Runnable task) {
    this.loop = loop;
    this.task = task;
  }

  /**
   * Makes {@code task} run at {@code dueNanos}, and every {@code gapNanos} after it while that
   * keeps to the plan ({@code gapNanos} <= 0: once).
   */
  void arm(long dueNanos, long gapNanos) {
    long now = System.nanoTime();
    if (timer != null && !timer.isDone()) {
      long fires = now + timer.getDelay(TimeUnit.NANOSECONDS);
      if (fires - dueNanos >= 0 && fires - dueNanos <= SLACK_NANOS) {
        return;
      }
      timer.cancel(false);
    }
    long delay = Math.max(0, dueNanos - now);
    timer =
        gapNanos > 0
            ? loop.scheduleAtFixedRate(task, delay, gapNanos, TimeUnit.NANOSECONDS)
            : loop.schedule(task, delay, TimeUnit.NANOSECONDS);
  }

  /** Stops the timer. */
  void stop() {
    if (timer != null) {
      timer.cancel(false);
      timer = null;
    }
  }
}
