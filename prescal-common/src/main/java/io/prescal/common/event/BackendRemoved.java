package io.prescal.common.event;

/**
 * A backend left the service's set and was stopped (or forgotten, for static backends).
 *
 * @param backendId the backend
 * @param reason why, e.g. "scale-down", "failed", "config"
 * @param drainMillis time spent draining before removal
 * @param abandoned requests still in flight when the drain timeout ended the wait (0 on a clean
 *     drain)
 */
public record BackendRemoved(String backendId, String reason, long drainMillis, int abandoned)
    implements PrescalEvent {
  public BackendRemoved {
    Require.text(backendId, "backendId");
    Require.text(reason, "reason");
    Require.nonNegative(drainMillis, "drainMillis");
    Require.nonNegative(abandoned, "abandoned");
  }

  @Override
  public Severity severity() {
    return abandoned > 0 ? Severity.WARNING : Severity.INFO;
  }
}
