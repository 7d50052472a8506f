package io.prescal.common.event;

import io.prescal.common.scaling.ReplicaLimits;
import io.prescal.common.scaling.ScalingBounds;

/**
 * A service's autoscaler settings and mode, as reported with metrics and state.
 *
 * @param mode stable, panic, paused or fixed
 * @param min minimum replicas
 * @param max maximum replicas
 * @param desired the replica count last decided
 * @param target target in-flight requests per backend
 * @param stableWindowMillis width of the stable window
 * @param panicWindowMillis width of the panic window
 * @param panicThreshold demand over capacity that starts panic mode
 * @param scaleToZero whether the service may go to zero replicas when idle
 * @param lastReason the reason of the last decision, empty before the first
 * @param bounds the proxy-wide bounds the service's scaling obeys (ceiling, starts at once, memory
 *     per backend); absent (null) from proxies older than schema 1.1
 */
public record AutoscalerStatus(
    ScaleMode mode,
    int min,
    int max,
    int desired,
    double target,
    long stableWindowMillis,
    long panicWindowMillis,
    double panicThreshold,
    boolean scaleToZero,
    String lastReason,
    ScalingBounds bounds) {
  public AutoscalerStatus {
    Require.present(mode, "mode");
    Require.nonNegative(min, "min");
    if (max < min) {
      throw new IllegalArgumentException("max: " + max + " (expected: >= min=" + min + ")");
    }
    Require.nonNegative(desired, "desired");
    lastReason = lastReason == null ? "" : lastReason;
  }

  /** A status without bounds, as proxies older than schema 1.1 report it. */
  public AutoscalerStatus(
      ScaleMode mode,
      int min,
      int max,
      int desired,
      double target,
      long stableWindowMillis,
      long panicWindowMillis,
      double panicThreshold,
      boolean scaleToZero,
      String lastReason) {
    this(
        mode,
        min,
        max,
        desired,
        target,
        stableWindowMillis,
        panicWindowMillis,
        panicThreshold,
        scaleToZero,
        lastReason,
        null);
  }

  /** What a fixed count must respect now, for {@link io.prescal.common.scaling.ReplicaRule}. */
  public ReplicaLimits replicaLimits() {
    return new ReplicaLimits(min, max, scaleToZero, bounds);
  }
}
