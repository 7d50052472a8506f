package io.prescal.common.event;

/**
 * A backend left the service's set and was stopped (or forgotten, for static backends).
 *
 * @param backendId the backend
 * @param reason why, e.g. "scale-down", "failed", "config"
 * @param drainMillis time spent draining before removal
 * @param abandoned requests still in flight when the drain timeout ended the wait (0 on a clean
 *     drain)
 * @param warm true when the backend belongs to the service's warm pool (started ahead of need,
 *     frozen, no traffic: not a replica); absent (null) otherwise. Schema 1.2; false is written as
 *     absent
 */
public record BackendRemoved(
    String backendId, String reason, long drainMillis, int abandoned, Boolean warm)
    implements PrescalEvent {
  public BackendRemoved {
    Require.text(backendId, "backendId");
    Require.text(reason, "reason");
    Require.nonNegative(drainMillis, "drainMillis");
    Require.nonNegative(abandoned, "abandoned");
    warm = Require.flag(warm);
  }

  /** A replica left. */
  public BackendRemoved(String backendId, String reason, long drainMillis, int abandoned) {
    this(backendId, reason, drainMillis, abandoned, null);
  }

  /** Whether the backend belongs to the warm pool rather than the replicas. */
  public boolean fromWarmPool() {
    return warm != null;
  }

  @Override
  public Severity severity() {
    return abandoned > 0 ? Severity.WARNING : Severity.INFO;
  }
}
