package io.prescal.common.event;

/**
 * A backend joined a service's set, not yet ready for traffic.
 *
 * @param backendId stable id of the backend within its service, e.g. a container name
 * @param address host:port the proxy connects to
 * @param kind the provider the backend comes from
 * @param container the container id for Docker backends, else null
 * @param image the image for Docker backends, the command for processes, else null
 */
public record BackendAdded(
    String backendId, String address, BackendKind kind, String container, String image)
    implements PrescalEvent {
  public BackendAdded {
    Require.text(backendId, "backendId");
    Require.text(address, "address");
    Require.present(kind, "kind");
  }
}
