package io.prescal.proxy.provider.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import java.util.List;

/** Turns a service's {@link DockerSettings} into the engine's create-container request. */
final class ContainerSpec {

  /** Publishing on loopback only: backends are reachable from this host, not from the network. */
  static final String LOOPBACK = "127.0.0.1";

  static CreateContainerCmd create(
      DockerClient client,
      DockerSettings settings,
      String service,
      String backendId,
      boolean warm) {
    var port = ExposedPort.tcp(settings.containerPort());
    var host = HostConfig.newHostConfig();
    if (settings.addressMode() == AddressMode.HOST) {
      host.withPortBindings(new PortBinding(Ports.Binding.bindIp(LOOPBACK), port));
    }
    if (settings.network() != null) {
      host.withNetworkMode(settings.network());
    }
    if (settings.cpus() > 0) {
      host.withNanoCPUs(Math.round(settings.cpus() * 1e9));
    }
    if (settings.memoryBytes() > 0) {
      // Swap equal to memory: the limit is a hard one, so a runaway backend is OOM-killed.
      host.withMemory(settings.memoryBytes()).withMemorySwap(settings.memoryBytes());
    }
    List<String> env =
        settings.environment().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .sorted()
            .toList();
    var cmd =
        client
            .createContainerCmd(settings.image())
            .withName(settings.owner() + "-" + backendId)
            .withLabels(ContainerLabels.forNew(settings, service, backendId, warm))
            .withEnv(env)
            .withExposedPorts(port)
            .withHostConfig(host);
    if (!settings.command().isEmpty()) {
      cmd.withCmd(settings.command());
    }
    return cmd;
  }

  private ContainerSpec() {}
}
