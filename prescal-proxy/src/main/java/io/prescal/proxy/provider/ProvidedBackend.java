package io.prescal.proxy.provider;

import io.prescal.common.event.BackendKind;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;

/**
 * A backend a provider started or adopted.
 *
 * @param id stable id within its service (a container name, "web-1234"...)
 * @param service the service it belongs to
 * @param address where the proxy connects
 * @param kind the provider
 * @param container the container id (Docker), the pid (process), else null
 * @param image the image (Docker) or command (process), else null
 * @param startedAt when it was asked for (or found, when adopted)
 */
public record ProvidedBackend(
    String id,
    String service,
    InetSocketAddress address,
    BackendKind kind,
    String container,
    String image,
    Instant startedAt) {
  public ProvidedBackend {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(service, "service");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** The same backend, as asked for at {@code when} (a warm backend joining the replicas). */
  public ProvidedBackend startedAt(Instant when) {
    return new ProvidedBackend(id, service, address, kind, container, image, when);
  }

  /** host:port as events show it. */
  public String addressText() {
    return address.getHostString() + ":" + address.getPort();
  }
}
