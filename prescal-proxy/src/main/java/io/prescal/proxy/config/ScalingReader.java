package io.prescal.proxy.config;

import io.prescal.common.scaling.ReplicaRule;
import io.prescal.common.scaling.ScalingBounds;
import io.prescal.proxy.provider.ReadinessSettings;
import io.prescal.proxy.scale.AutoscaleSettings;
import java.time.Duration;
import java.util.List;

/**
 * Reads the sections of an autoscaled service besides its provider: {@code autoscale:}, {@code
 * readiness:} and {@code holdQueue:}, and the proxy-wide {@code scaling:} bounds. Types are checked
 * here; ranges by the settings records, whose problems are listed with the rest.
 */
final class ScalingReader {
  /** The largest ceiling a file may set: far above any host, still a bound. */
  private static final int MAX_CEILING = 10_000;

  /** The top-level {@code scaling:} section. */
  ScalingConfig scaling(ConfigNode node) {
    node.allowOnly(
        List.of(
            "maxReplicas",
            "maxConcurrentStarts",
            "memoryPerBackend",
            "memoryReserve",
            "maxLoadPerCpu"));
    ScalingConfig d = ScalingConfig.DEFAULTS;
    int docker = d.dockerMaxReplicas();
    int process = d.processMaxReplicas();
    if (node.isValue("maxReplicas")) {
      long both = node.integer("maxReplicas", -1, 1, MAX_CEILING);
      if (both > 0) {
        docker = (int) both;
        process = (int) both;
      }
    } else if (node.has("maxReplicas")) {
      ConfigNode each = node.child("maxReplicas");
      each.allowOnly(List.of("docker", "process"));
      docker = (int) each.integer("docker", docker, 1, MAX_CEILING);
      process = (int) each.integer("process", process, 1, MAX_CEILING);
    }
    return new ScalingConfig(
        docker,
        process,
        (int) node.integer("maxConcurrentStarts", d.maxConcurrentStarts(), 1, 1000),
        node.size(
            "memoryPerBackend",
            d.memoryPerBackend(),
            1 << 20,
            1L << 40,
            "a size from 1m to 1024g, such as 512m"),
        node.size(
            "memoryReserve",
            d.memoryReserve(),
            0,
            1L << 40,
            "a size from 0 to 1024g, such as 512m"),
        node.decimal("maxLoadPerCpu", d.maxLoadPerCpu(), 0, 10_000));
  }

  /**
   * A service's {@code autoscale:} section.
   *
   * @param bounds the proxy-wide bounds for the service's provider: {@code max} may not pass the
   *     ceiling
   */
  AutoscaleSettings autoscale(ConfigNode node, ScalingBounds bounds) {
    node.allowOnly(
        List.of(
            "min",
            "max",
            "targetInFlight",
            "targetRate",
            "targetUtilization",
            "stableWindow",
            "panicWindow",
            "panicThreshold",
            "tolerance",
            "scaleDownDelay",
            "maxScaleUpRate",
            "maxScaleDownRate",
            "scaleToZero",
            "idleGrace",
            "tick"));
    AutoscaleSettings d = AutoscaleSettings.defaults();
    AutoscaleSettings settings =
        AutoscaleSettings.builder()
            .min(count(node, "min", d.min()))
            // A lower ceiling (or a warm pool) lowers the default max with it: only a max written
            // down is refused.
            .max(count(node, "max", Math.min(d.max(), bounds.replicaCeiling())))
            .targetInFlight(node.number("targetInFlight", d.targetInFlight()))
            .targetRate(node.number("targetRate", d.targetRate()))
            .targetUtilization(node.number("targetUtilization", d.targetUtilization()))
            .stableWindow(node.duration("stableWindow", d.stableWindow(), Duration.ZERO))
            .panicWindow(node.duration("panicWindow", d.panicWindow(), Duration.ZERO))
            .panicThreshold(node.number("panicThreshold", d.panicThreshold()))
            .tolerance(node.number("tolerance", d.tolerance()))
            .scaleDownDelay(node.duration("scaleDownDelay", d.scaleDownDelay(), Duration.ZERO))
            .maxScaleUpRate(node.number("maxScaleUpRate", d.maxScaleUpRate()))
            .maxScaleDownRate(node.number("maxScaleDownRate", d.maxScaleDownRate()))
            .scaleToZero(node.bool("scaleToZero", d.scaleToZero()))
            .idleGrace(node.duration("idleGrace", d.idleGrace(), Duration.ZERO))
            .tick(node.duration("tick", d.tick(), Duration.ZERO))
            .bounds(bounds)
            .build();
    node.problems(settings.problems());
    return settings;
  }

  /**
   * A service's {@code warmPool:} section: how many backends it keeps warm, checked by the replica
   * rule (from 0 to the ceiling less one); 0 when absent or refused.
   *
   * @param bounds the proxy-wide bounds for the service's provider
   */
  int warmPool(ConfigNode node, ScalingBounds bounds) {
    node.allowOnly(List.of("size"));
    int size = count(node, "size", 0);
    var refusal = ReplicaRule.warmPool(size, bounds);
    if (refusal.isPresent()) {
      node.problem("size", refusal.get().value() + " (expected: " + refusal.get().expected() + ")");
      return 0;
    }
    return size;
  }

  /** A replica count, read as the admin API and the dashboard read one (ReplicaRule). */
  private static int count(ConfigNode node, String key, int fallback) {
    String text = node.has(key) ? node.text(key, null) : null;
    if (text == null) {
      return fallback;
    }
    var refusal = ReplicaRule.wholeNumber(key, text);
    if (refusal.isPresent()) {
      node.problem(key, refusal.get().value() + " (expected: " + refusal.get().expected() + ")");
      return fallback;
    }
    return Integer.parseInt(text.strip());
  }

  ReadinessSettings readiness(ConfigNode node) {
    node.allowOnly(List.of("path", "interval", "timeout", "deadline"));
    ReadinessSettings d = ReadinessSettings.defaults();
    var settings =
        new ReadinessSettings(
            node.text("path", d.path()),
            node.duration("interval", d.interval(), Duration.ZERO),
            node.duration("timeout", d.timeout(), Duration.ZERO),
            node.duration("deadline", d.deadline(), Duration.ZERO));
    node.problems(settings.problems());
    return settings;
  }

  HoldQueueConfig holdQueue(ConfigNode node) {
    node.allowOnly(List.of("size", "waitLimit", "pageAfter"));
    HoldQueueConfig d = HoldQueueConfig.DEFAULTS;
    return new HoldQueueConfig(
        (int) node.integer("size", d.size(), 0, 1_000_000),
        node.duration("waitLimit", d.waitLimit(), Duration.ofMillis(1)),
        pageAfter(node, d.pageAfter()));
  }

  /** {@code holdQueue.pageAfter}: a duration, or 0 (with or without a unit) for no page. */
  private static Duration pageAfter(ConfigNode node, Duration fallback) {
    String text = node.isValue("pageAfter") ? node.text("pageAfter", null) : null;
    if (text != null && text.strip().equals("0")) {
      return Duration.ZERO;
    }
    return node.duration("pageAfter", fallback, Duration.ZERO);
  }
}
