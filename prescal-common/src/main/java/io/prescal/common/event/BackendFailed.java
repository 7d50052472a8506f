package io.prescal.common.event;

/**
 * A backend died or could not start: the proxy replaces it.
 *
 * @param backendId the backend
 * @param reason what happened, in one sentence
 * @param exitCode the container's or process's exit code when known, else null
 * @param oomKilled true when the kernel killed it for memory
 * @param warm true when the backend belongs to the service's warm pool (started ahead of need,
 *     frozen, no traffic: not a replica); absent (null) otherwise. Schema 1.2; false is written as
 *     absent
 */
public record BackendFailed(
    String backendId, String reason, Integer exitCode, boolean oomKilled, Boolean warm)
    implements PrescalEvent {
  public BackendFailed {
    Require.text(backendId, "backendId");
    Require.text(reason, "reason");
    warm = Require.flag(warm);
  }

  /** A replica failed. */
  public BackendFailed(String backendId, String reason, Integer exitCode, boolean oomKilled) {
    this(backendId, reason, exitCode, oomKilled, null);
  }

  /** Whether the backend belongs to the warm pool rather than the replicas. */
  public boolean fromWarmPool() {
    return warm != null;
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }
}
