package io.prescal.proxy.autoscale;

import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.ScaleDecision;

/**
 * An autoscaled service as {@code /status}, {@code /metrics} and the metrics publisher show it.
 *
 * @param provider the provider type, e.g. "docker"
 * @param available whether the provider can start and stop backends now
 * @param problem why it cannot, in one sentence, or null
 * @param current replicas that count (starts under way, starting, ready)
 * @param ready replicas ready for traffic
 * @param retiring replicas being drained and stopped
 * @param failedStarts starts that failed in a row
 * @param startsHeld why starts wait for the host's headroom now, in one sentence, or null
 * @param autoscaler mode, limits, target and the last decision's desired count and reason
 * @param lastDecision the last decision with its inputs, or null before the first
 * @param coldStarts the cold starts measured so far
 * @param queued requests waiting for a ready backend now
 * @param warm the warm pool: its size and backends (not replicas)
 */
public record ScaleStatus(
    String provider,
    boolean available,
    String problem,
    int current,
    int ready,
    int retiring,
    int failedStarts,
    String startsHeld,
    AutoscalerStatus autoscaler,
    ScaleDecision lastDecision,
    ColdStartStats coldStarts,
    int queued,
    WarmPoolStatus warm) {

  /** This status with the hold queue's figures replaced by {@code cold} and {@code waiting}. */
  ScaleStatus withHold(ColdStartStats cold, int waiting) {
    return new ScaleStatus(
        provider,
        available,
        problem,
        current,
        ready,
        retiring,
        failedStarts,
        startsHeld,
        autoscaler,
        lastDecision,
        cold,
        waiting,
        warm);
  }

  /** The replica count the autoscaler wants now. */
  public int desired() {
    return autoscaler.desired();
  }
}
