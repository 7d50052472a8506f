package io.prescal.common.event;

/**
 * A backend's health changed.
 *
 * @param backendId the backend
 * @param from the previous health
 * @param to the new health
 * @param check "active" (health check probes) or "passive" (outlier detection on live traffic)
 * @param reason what was observed, e.g. "3 consecutive failed probes: connection refused"
 */
public record HealthChanged(
    String backendId, HealthState from, HealthState to, String check, String reason)
    implements PrescalEvent {
  public HealthChanged {
    Require.text(backendId, "backendId");
    Require.present(from, "from");
    Require.present(to, "to");
    Require.text(check, "check");
    Require.text(reason, "reason");
  }

  @Override
  public Severity severity() {
    return to == HealthState.HEALTHY ? Severity.INFO : Severity.WARNING;
  }
}
