package io.prescal.common.event;

/**
 * A backend died or could not start: the proxy replaces it.
 *
 * @param backendId the backend
 * @param reason what happened, in one sentence
 * @param exitCode the container's or process's exit code when known, else null
 * @param oomKilled true when the kernel killed it for memory
 */
public record BackendFailed(String backendId, String reason, Integer exitCode, boolean oomKilled)
    implements PrescalEvent {
  public BackendFailed {
    Require.text(backendId, "backendId");
    Require.text(reason, "reason");
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }
}
