package io.prescal.common.event;

/**
 * A backend passed its readiness probe and gets traffic; or, with {@code warm}, passed it and was
 * frozen for the warm pool (no traffic until a scale-out thaws it and it joins as a replica, with
 * {@code backend.added} and {@code backend.ready} of its own).
 *
 * @param backendId the backend
 * @param address host:port the proxy connects to
 * @param startupMillis time from asking for the backend to its readiness (for a thawed warm
 *     backend: from the thaw)
 * @param warm true when the backend belongs to the service's warm pool (started ahead of need,
 *     frozen, no traffic: not a replica); absent (null) otherwise. Schema 1.2; false is written as
 *     absent
 */
public record BackendReady(String backendId, String address, long startupMillis, Boolean warm)
    implements PrescalEvent {
  public BackendReady {
    Require.text(backendId, "backendId");
    Require.text(address, "address");
    Require.nonNegative(startupMillis, "startupMillis");
    warm = Require.flag(warm);
  }

  /** A replica is ready for traffic. */
  public BackendReady(String backendId, String address, long startupMillis) {
    this(backendId, address, startupMillis, null);
  }

  /** Whether the backend belongs to the warm pool rather than the replicas. */
  public boolean fromWarmPool() {
    return warm != null;
  }
}
