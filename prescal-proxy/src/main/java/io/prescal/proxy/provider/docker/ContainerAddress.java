package io.prescal.proxy.provider.docker;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ContainerPort;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Where the proxy connects to a container: 127.0.0.1 and the published port ({@link
 * AddressMode#HOST}), or the container's address on the shared network ({@link
 * AddressMode#NETWORK}).
 */
final class ContainerAddress {

  /** From a freshly started container's inspection. */
  static Optional<InetSocketAddress> of(InspectContainerResponse inspected, DockerSettings s) {
    var network = inspected.getNetworkSettings();
    if (network == null) {
      return Optional.empty();
    }
    if (s.addressMode() == AddressMode.NETWORK) {
      return onNetwork(network.getNetworks(), s);
    }
    Ports ports = network.getPorts();
    Ports.Binding[] bindings =
        ports == null ? null : ports.getBindings().get(ExposedPort.tcp(s.containerPort()));
    return bindings == null
        ? Optional.empty()
        : Arrays.stream(bindings)
            .filter(b -> ContainerSpec.LOOPBACK.equals(b.getHostIp()))
            .map(b -> loopback(Integer.parseInt(b.getHostPortSpec())))
            .findFirst();
  }

  /** From a container listing (adoption). */
  static Optional<InetSocketAddress> of(Container container, DockerSettings s) {
    if (s.addressMode() == AddressMode.NETWORK) {
      return container.getNetworkSettings() == null
          ? Optional.empty()
          : onNetwork(container.getNetworkSettings().getNetworks(), s);
    }
    ContainerPort[] ports = container.getPorts();
    return ports == null
        ? Optional.empty()
        : Arrays.stream(ports)
            .filter(p -> p.getPrivatePort() != null && p.getPrivatePort() == s.containerPort())
            .filter(p -> ContainerSpec.LOOPBACK.equals(p.getIp()) && p.getPublicPort() != null)
            .map(p -> loopback(p.getPublicPort()))
            .findFirst();
  }

  private static Optional<InetSocketAddress> onNetwork(
      Map<String, ContainerNetwork> networks, DockerSettings s) {
    ContainerNetwork attached = networks == null ? null : networks.get(s.network());
    return attached == null || attached.getIpAddress() == null || attached.getIpAddress().isBlank()
        ? Optional.empty()
        : Optional.of(new InetSocketAddress(attached.getIpAddress(), s.containerPort()));
  }

  private static InetSocketAddress loopback(int port) {
    return new InetSocketAddress(ContainerSpec.LOOPBACK, port);
  }

  private ContainerAddress() {}
}
