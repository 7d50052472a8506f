package io.prescal.proxy.pool;

/**
 * A latency estimate that jumps up to a slow sample at once and decays back exponentially
 * (Finagle's peak EWMA): slow backends are noticed fast and forgiven slowly. Updates race benignly:
 * a lost sample only makes the estimate slightly stale.
 */
public final class PeakEwma {
  /** Decay time constant: older samples weigh e^-1 after this long. */
  private static final double TAU_NANOS = 10_000_000_000.0;

  /** Estimate before the first sample: optimistic, so new backends get tried. */
  private static final double INITIAL_NANOS = 1_000_000.0;

  private volatile double estimateNanos = INITIAL_NANOS;
  private volatile long stampNanos = System.nanoTime();

  /** Adds one observed latency. */
  public void observe(long latencyNanos, long nowNanos) {
    double current = estimateNanos;
    if (latencyNanos > current) {
      estimateNanos = latencyNanos;
    } else {
      double elapsed = Math.max(0, nowNanos - stampNanos);
      double w = Math.exp(-elapsed / TAU_NANOS);
      estimateNanos = current * w + latencyNanos * (1 - w);
    }
    stampNanos = nowNanos;
  }

  /** The current estimate in nanoseconds. */
  public double estimateNanos() {
    return estimateNanos;
  }
}
