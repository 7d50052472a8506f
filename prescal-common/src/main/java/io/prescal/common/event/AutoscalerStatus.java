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
 *     per backend, warm pool size); absent (null) from proxies older than schema 1.1
 * @param warmBackends warm backends ready now (started, passed readiness, frozen: not replicas);
 *     absent (null) when the service keeps no warm pool. Schema 1.2
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
    ScalingBounds bounds,
    Integer warmBackends) {
  public AutoscalerStatus {
    Require.present(mode, "mode");
    Require.nonNegative(min, "min");
    if (max < min) {
      throw new IllegalArgumentException("max: " + max + " (expected: >= min=" + min + ")");
    }
    Require.nonNegative(desired, "desired");
    lastReason = lastReason == null ? "" : lastReason;
    if (warmBackends != null) {
      Require.nonNegative(warmBackends, "warmBackends");
    }
  }

  /** A status without a warm pool, as proxies older than schema 1.2 report it. */
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
      String lastReason,
      ScalingBounds bounds) {
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
        bounds,
        null);
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
        null,
        null);
  }

  /** This status with {@code warm} warm backends ready now (null: no warm pool). */
  public AutoscalerStatus withWarmBackends(Integer warm) {
    return new AutoscalerStatus(
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
        bounds,
        warm);
  }

  /** What a fixed count must respect now, for {@link io.prescal.common.scaling.ReplicaRule}. */
  public ReplicaLimits replicaLimits() {
    return new ReplicaLimits(min, max, scaleToZero, bounds);
  }
}
