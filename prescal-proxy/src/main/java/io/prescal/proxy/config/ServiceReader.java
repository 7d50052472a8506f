package io.prescal.proxy.config;

import io.prescal.common.scaling.ScalingBounds;
import io.prescal.proxy.balance.HashOn;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** Reads one entry of {@code services:}. */
final class ServiceReader {
  private static final Set<String> BALANCERS =
      Set.of("round-robin", "least-request", "p2c", "peak-ewma", "hash");

  private final ScalingConfig scaling;

  /**
   * @param scaling the proxy-wide bounds an autoscaled service's limits are checked against
   */
  ServiceReader(ScalingConfig scaling) {
    this.scaling = scaling;
  }

  ServiceConfig read(ConfigNode node) {
    node.allowOnly(
        List.of(
            "name",
            "hosts",
            "pathPrefix",
            "balancer",
            "slowStart",
            "backends",
            "healthCheck",
            "outlier",
            "retries",
            "drainTimeout",
            "provider",
            "readiness",
            "autoscale",
            "holdQueue",
            "warmPool"));
    String name = node.text("name", "");
    if (!ConfigReader.validName(name)) {
      node.problem(
          "name", "\"" + name + "\" (expected: lower-case letters, digits, - or _, e.g. web)");
    }
    List<String> hosts = node.has("hosts") ? node.texts("hosts") : List.of("*");
    String prefix = node.text("pathPrefix", "/");
    if (!prefix.startsWith("/")) {
      node.problem("pathPrefix", "\"" + prefix + "\" (expected: a path starting with /)");
    }
    List<BackendConfig> backends = node.list("backends", this::backend);
    ProviderConfig provider = new ProviderReader().read(node);
    if (backends.isEmpty() && !provider.scalable() && !node.has("provider")) {
      node.problem("backends", "none (expected: at least one backend, or a provider: section)");
    } else if (backends.isEmpty() && !provider.scalable()) {
      node.problem("backends", "none (expected: at least one backend with provider type static)");
    } else if (!backends.isEmpty() && provider.scalable()) {
      node.problem(
          "backends",
          backends.size()
              + " listed (expected: none, since the "
              + provider.type().name().toLowerCase(java.util.Locale.ROOT)
              + " provider starts this service's backends)");
    }
    ScalingReader reader = new ScalingReader();
    if (!provider.scalable()) {
      for (String key : List.of("autoscale", "readiness", "holdQueue", "warmPool")) {
        if (node.has(key)) {
          node.problem(
              key,
              "set for a static service (expected: only with provider type docker or process)");
        }
      }
    }
    return new ServiceConfig(
        name,
        hosts,
        prefix,
        balancer(node),
        node.duration("slowStart", Duration.ZERO, Duration.ZERO),
        backends,
        node.has("healthCheck") ? healthCheck(node.child("healthCheck")) : null,
        outlier(node.child("outlier")),
        retries(node.child("retries")),
        node.duration("drainTimeout", Duration.ofSeconds(30), Duration.ZERO),
        provider,
        reader.readiness(node.child("readiness")),
        provider.scalable()
            ? reader.autoscale(node.child("autoscale"), bounds(node, provider))
            : null,
        reader.holdQueue(node.child("holdQueue")));
  }

  /** The bounds of an autoscaled service: the proxy's, with the service's warm pool. */
  private ScalingBounds bounds(ConfigNode node, ProviderConfig provider) {
    ScalingBounds bounds = scaling.bounds(provider);
    return bounds.withWarmPool(new ScalingReader().warmPool(node.child("warmPool"), bounds));
  }

  private BackendConfig backend(ConfigNode node) {
    node.allowOnly(List.of("address", "weight"));
    String text = node.text("address", null);
    InetSocketAddress address = Addresses.parse(text);
    if (address == null || address.getPort() == 0) {
      node.problem(
          "address",
          (text == null ? "missing" : "\"" + text + "\"")
              + " (expected: host:port, e.g. 127.0.0.1:9001)");
    }
    return new BackendConfig(address, (int) node.integer("weight", 1, 1, 1000));
  }

  private BalancerConfig balancer(ConfigNode service) {
    HashOn client = new HashOn(HashOn.Source.CLIENT, "");
    if (!service.has("balancer")) {
      return new BalancerConfig("p2c", client, 1.25);
    }
    if (service.isValue("balancer")) {
      return new BalancerConfig(service.choice("balancer", "p2c", BALANCERS), client, 1.25);
    }
    ConfigNode node = service.child("balancer");
    node.allowOnly(List.of("type", "hashOn", "loadFactor"));
    return new BalancerConfig(
        node.choice("type", "p2c", BALANCERS),
        hashOn(node, node.text("hashOn", "client")),
        node.decimal("loadFactor", 1.25, 1.0, 100));
  }

  private HashOn hashOn(ConfigNode node, String text) {
    if (text.equals("client")) {
      return new HashOn(HashOn.Source.CLIENT, "");
    }
    if (text.startsWith("header:") && text.length() > 7) {
      return new HashOn(HashOn.Source.HEADER, text.substring(7));
    }
    if (text.startsWith("cookie:") && text.length() > 7) {
      return new HashOn(HashOn.Source.COOKIE, text.substring(7));
    }
    node.problem("hashOn", "\"" + text + "\" (expected: client, header:NAME or cookie:NAME)");
    return new HashOn(HashOn.Source.CLIENT, "");
  }

  private HealthCheckConfig healthCheck(ConfigNode node) {
    node.allowOnly(List.of("path", "interval", "timeout", "rise", "fall"));
    String path = node.text("path", "/");
    if (!path.startsWith("/")) {
      node.problem("path", "\"" + path + "\" (expected: a path starting with /)");
    }
    Duration min = Duration.ofMillis(10);
    return new HealthCheckConfig(
        path,
        node.duration("interval", Duration.ofSeconds(5), min),
        node.duration("timeout", Duration.ofSeconds(2), min),
        (int) node.integer("rise", 2, 1, 100),
        (int) node.integer("fall", 3, 1, 100));
  }

  private OutlierConfig outlier(ConfigNode node) {
    node.allowOnly(
        List.of(
            "enabled",
            "consecutive5xx",
            "consecutiveConnectFailures",
            "baseEjectionTime",
            "maxEjectionTime",
            "maxEjectionPercent"));
    Duration min = Duration.ofMillis(10);
    return new OutlierConfig(
        node.bool("enabled", true),
        (int) node.integer("consecutive5xx", 5, 1, 1000),
        (int) node.integer("consecutiveConnectFailures", 3, 1, 1000),
        node.duration("baseEjectionTime", Duration.ofSeconds(30), min),
        node.duration("maxEjectionTime", Duration.ofMinutes(5), min),
        (int) node.integer("maxEjectionPercent", 50, 0, 100));
  }

  private RetryConfig retries(ConfigNode node) {
    node.allowOnly(List.of("attempts", "budgetPercent", "minConcurrent"));
    return new RetryConfig(
        (int) node.integer("attempts", 2, 0, 10),
        node.decimal("budgetPercent", 20, 0, 100),
        (int) node.integer("minConcurrent", 3, 0, 10_000));
  }
}
