package io.prescal.common.event;

/**
 * A backend passed its readiness probe and gets traffic.
 *
 * @param backendId the backend
 * @param address host:port the proxy connects to
 * @param startupMillis time from asking for the backend to its readiness
 */
public record BackendReady(String backendId, String address, long startupMillis)
    implements PrescalEvent {
  public BackendReady {
    Require.text(backendId, "backendId");
    Require.text(address, "address");
    Require.nonNegative(startupMillis, "startupMillis");
  }
}
