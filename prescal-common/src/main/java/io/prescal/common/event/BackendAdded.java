package io.prescal.common.event;

/**
 * A backend joined a service's set, not yet ready for traffic.
 *
 * @param backendId stable id of the backend within its service, e.g. a container name
 * @param address host:port the proxy connects to
 * @param kind the provider the backend comes from
 * @param container the container id for Docker backends, else null
 * @param image the image for Docker backends, the command for processes, else null
 * @param warm true when the backend belongs to the service's warm pool (started ahead of need,
 *     frozen, no traffic: not a replica); absent (null) otherwise. Schema 1.2; false is written as
 *     absent
 */
public record BackendAdded(
    String backendId,
    String address,
    BackendKind kind,
    String container,
    String image,
    Boolean warm)
    implements PrescalEvent {
  public BackendAdded {
    Require.text(backendId, "backendId");
    Require.text(address, "address");
    Require.present(kind, "kind");
    warm = Require.flag(warm);
  }

  /** A replica joined (not a warm backend). */
  public BackendAdded(
      String backendId, String address, BackendKind kind, String container, String image) {
    this(backendId, address, kind, container, image, null);
  }

  /** Whether the backend belongs to the warm pool rather than the replicas. */
  public boolean fromWarmPool() {
    return warm != null;
  }
}
