package io.prescal.proxy.autoscale;

import java.time.Duration;

/**
 * The pause after failed starts, so a broken image or command is retried on later ticks without a
 * hot loop: 1 s after the first failure, doubling up to 30 s; a backend that becomes ready resets
 * it. While starts fail, one start at a time.
 */
final class StartBackoff {
  static final Duration FIRST = Duration.ofSeconds(1);
  static final Duration MAX = Duration.ofSeconds(30);

  private int failures;
  private long notBeforeNanos;
  private Duration delay = Duration.ZERO;

  void failed(long nowNanos) {
    failures++;
    delay = FIRST.multipliedBy(1L << Math.min(failures - 1, 5));
    if (delay.compareTo(MAX) > 0) {
      delay = MAX;
    }
    notBeforeNanos = nowNanos + delay.toNanos();
  }

  void succeeded() {
    failures = 0;
    delay = Duration.ZERO;
  }

  /** Whether a start may begin now. */
  boolean allows(long nowNanos) {
    return failures == 0 || nowNanos - notBeforeNanos >= 0;
  }

  /** Failed starts in a row. */
  int failures() {
    return failures;
  }

  /** The pause before the next start. */
  Duration delay() {
    return delay;
  }
}
