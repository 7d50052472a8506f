package io.prescal.proxy.provider.docker;

import io.prescal.proxy.provider.SettingsProblem;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How the Docker provider runs one service's containers (docs/autoscaling.md, "Docker provider").
 *
 * @param image the image; it must be on the engine already (Prescal does not pull)
 * @param containerPort the port the backend listens on inside the container
 * @param command the command, replacing the image's; empty keeps the image's
 * @param environment environment variables
 * @param labels extra labels; keys under {@code io.prescal.} are Prescal's own
 * @param cpus CPU limit in cores, e.g. 0.5; 0 for none
 * @param memory memory limit, e.g. {@code 256m} or {@code 1g} (swap included); null for none
 * @param network the network to attach containers to; null for Docker's default bridge
 * @param addressMode how the proxy reaches containers
 * @param owner the proxy's name in the {@code io.prescal.owner} label, so proxies sharing an engine
 *     adopt only their own containers
 */
public record DockerSettings(
    String image,
    int containerPort,
    List<String> command,
    Map<String, String> environment,
    Map<String, String> labels,
    double cpus,
    String memory,
    String network,
    AddressMode addressMode,
    String owner) {

  private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kmg]?)b?");

  public DockerSettings {
    command = command == null ? List.of() : List.copyOf(command);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    labels = labels == null ? Map.of() : Map.copyOf(labels);
    addressMode = addressMode == null ? AddressMode.HOST : addressMode;
    owner = owner == null ? "prescal" : owner;
  }

  /** An image with defaults for the rest: port 8080, published on 127.0.0.1, no limits. */
  public static DockerSettings of(String image) {
    return new DockerSettings(
        image, 8080, List.of(), Map.of(), Map.of(), 0, null, null, AddressMode.HOST, "prescal");
  }

  /** Every problem in these settings; empty when they are usable. */
  public List<SettingsProblem> problems() {
    return new SettingsProblem.Collector()
        .check(image != null && !image.isBlank(), "image", image, "an image on the engine")
        .check(
            containerPort > 0 && containerPort < 65536, "containerPort", containerPort, "1-65535")
        .check(cpus >= 0, "cpus", cpus, ">= 0 cores, 0 for no limit")
        .check(
            memory == null || memoryBytes() >= 6 * 1024 * 1024,
            "memory",
            memory,
            "a size of at least 6m, such as 256m or 1g, or none")
        .check(
            addressMode != AddressMode.NETWORK || (network != null && !network.isBlank()),
            "network",
            network,
            "the network shared with the proxy, since addressMode is network")
        .check(
            labels.keySet().stream().noneMatch(k -> k.startsWith(ContainerLabels.PREFIX)),
            "labels",
            labels.keySet(),
            "keys outside " + ContainerLabels.PREFIX + ", which Prescal sets itself")
        .check(
            owner.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*"),
            "owner",
            owner,
            "letters, digits, '_', '.' or '-'")
        .problems();
  }

  /** These settings when valid, else an exception that lists every problem. */
  public DockerSettings validated() {
    SettingsProblem.throwIfAny("Docker settings", problems());
    return this;
  }

  /** The memory limit in bytes, 0 for none, -1 when it cannot be read. */
  public long memoryBytes() {
    if (memory == null) {
      return 0;
    }
    Matcher m = SIZE.matcher(memory.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return -1;
    }
    long unit =
        switch (m.group(2)) {
          case "k" -> 1024L;
          case "m" -> 1024L * 1024;
          case "g" -> 1024L * 1024 * 1024;
          default -> 1L;
        };
    return Long.parseLong(m.group(1)) * unit;
  }
}
