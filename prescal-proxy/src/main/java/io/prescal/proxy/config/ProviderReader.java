package io.prescal.proxy.config;

import io.prescal.proxy.provider.docker.AddressMode;
import io.prescal.proxy.provider.docker.DockerSettings;
import io.prescal.proxy.provider.process.ProcessSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads a service's {@code provider:} section (docs/autoscaling.md lists every key). */
final class ProviderReader {
  private static final List<String> COMMON =
      List.of("type", "shutdown", "stopGrace", "memoryPerBackend");
  private static final List<String> DOCKER =
      List.of(
          "image",
          "containerPort",
          "command",
          "environment",
          "labels",
          "cpus",
          "memory",
          "network",
          "addressMode",
          "owner");
  private static final List<String> PROCESS =
      List.of(
          "command", "workingDirectory", "environment", "stopOnExit", "logOutput", "maxOutputLine");
  private static final Duration DEFAULT_STOP_GRACE = Duration.ofSeconds(10);

  /** The service's provider; {@link ProviderConfig#STATIC} when it has no section. */
  ProviderConfig read(ConfigNode service) {
    if (!service.has("provider")) {
      return ProviderConfig.STATIC;
    }
    ConfigNode node = service.child("provider");
    if (!node.has("type")) {
      node.problem("type", "missing (expected: static, docker or process)");
      return ProviderConfig.STATIC;
    }
    String type = node.choice("type", "static", Set.of("static", "docker", "process"));
    return switch (type) {
      case "docker" -> docker(node);
      case "process" -> process(node);
      default -> {
        node.allowOnly(List.of("type"));
        yield ProviderConfig.STATIC;
      }
    };
  }

  private ProviderConfig docker(ConfigNode node) {
    node.allowOnly(keys(DOCKER));
    String mode = node.choice("addressMode", "host", Set.of("host", "network"));
    var settings =
        new DockerSettings(
            node.text("image", null),
            node.whole("containerPort", 8080),
            node.texts("command"),
            node.textMap("environment"),
            node.textMap("labels"),
            node.number("cpus", 0),
            node.text("memory", null),
            node.text("network", null),
            AddressMode.valueOf(mode.toUpperCase(Locale.ROOT)),
            node.text("owner", "prescal"));
    node.problems(settings.problems());
    return new ProviderConfig(
        ProviderType.DOCKER,
        shutdown(node, ShutdownPolicy.LEAVE),
        stopGrace(node),
        settings,
        null,
        memoryPerBackend(node));
  }

  private ProviderConfig process(ConfigNode node) {
    node.allowOnly(keys(PROCESS));
    ShutdownPolicy shutdown = shutdown(node, ShutdownPolicy.STOP);
    if (node.has("stopOnExit")) {
      // The older key, kept as another way to say shutdown: stop / leave.
      ShutdownPolicy said =
          node.bool("stopOnExit", true) ? ShutdownPolicy.STOP : ShutdownPolicy.LEAVE;
      if (node.has("shutdown") && said != shutdown) {
        node.problem(
            "stopOnExit",
            "contradicts shutdown: "
                + shutdown.name().toLowerCase(Locale.ROOT)
                + " (expected: only one of them, e.g. shutdown: stop)");
      }
      shutdown = node.has("shutdown") ? shutdown : said;
    }
    // The proxy stops the processes itself, in order, after the requests in flight: the
    // provider's own shutdown hook would race with that.
    var settings =
        new ProcessSettings(
            node.texts("command"),
            node.text("workingDirectory", null),
            node.textMap("environment"),
            false,
            node.bool("logOutput", true),
            (int)
                node.size(
                    "maxOutputLine",
                    ProcessSettings.DEFAULT_MAX_OUTPUT_LINE_BYTES,
                    ProcessSettings.MIN_OUTPUT_LINE_BYTES,
                    ProcessSettings.MAX_OUTPUT_LINE_BYTES));
    node.problems(settings.problems());
    return new ProviderConfig(
        ProviderType.PROCESS, shutdown, stopGrace(node), null, settings, memoryPerBackend(node));
  }

  private static ShutdownPolicy shutdown(ConfigNode node, ShutdownPolicy fallback) {
    String text =
        node.choice("shutdown", fallback.name().toLowerCase(Locale.ROOT), Set.of("leave", "stop"));
    return ShutdownPolicy.valueOf(text.toUpperCase(Locale.ROOT));
  }

  /** 0 when not set: the Docker memory limit or scaling.memoryPerBackend stands in. */
  private static long memoryPerBackend(ConfigNode node) {
    return node.size(
        "memoryPerBackend", 0, 1 << 20, 1L << 40, "a size from 1m to 1024g, such as 512m");
  }

  private static Duration stopGrace(ConfigNode node) {
    return node.duration("stopGrace", DEFAULT_STOP_GRACE, Duration.ZERO);
  }

  private static List<String> keys(List<String> specific) {
    List<String> all = new ArrayList<>(COMMON);
    all.addAll(specific);
    return all;
  }
}
