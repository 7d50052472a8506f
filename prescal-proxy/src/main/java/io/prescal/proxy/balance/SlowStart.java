package io.prescal.proxy.balance;

import io.prescal.proxy.pool.Backend;
import java.time.Duration;

/**
 * Ramps a backend's effective weight from 10% to 100% over a window after it becomes READY, so a
 * cold JVM or an empty cache is not flooded at once (HAProxy's {@code slowstart}).
 */
public final class SlowStart {
  /** No ramp: full weight at once. */
  public static final SlowStart NONE = new SlowStart(Duration.ZERO);

  private static final double MIN_FACTOR = 0.1;
  private final long windowNanos;

  public SlowStart(Duration window) {
    this.windowNanos = window.toNanos();
  }

  /** The backend's weight now, between 10% and 100% of its configured weight. */
  public double weight(Backend backend, long nowNanos) {
    if (windowNanos <= 0) {
      return backend.weight();
    }
    long elapsed = nowNanos - backend.readySinceNanos();
    if (elapsed >= windowNanos) {
      return backend.weight();
    }
    double factor = Math.max(MIN_FACTOR, (double) Math.max(0, elapsed) / windowNanos);
    return backend.weight() * factor;
  }

  /** Whether any of {@code backends} is ramping or weights differ: the fast paths need neither. */
  boolean uniform(java.util.List<Backend> backends, long nowNanos) {
    int weight = backends.get(0).weight();
    for (Backend backend : backends) {
      if (backend.weight() != weight
          || (windowNanos > 0 && nowNanos - backend.readySinceNanos() < windowNanos)) {
        return false;
      }
    }
    return true;
  }
}
