package io.prescal.proxy.config;

import io.prescal.proxy.provider.ReadinessSettings;
import io.prescal.proxy.scale.AutoscaleSettings;
import java.time.Duration;
import java.util.List;

/**
 * Reads the sections of an autoscaled service besides its provider: {@code autoscale:}, {@code
 * readiness:} and {@code holdQueue:}. Types are checked here; ranges by the settings records, whose
 * problems are listed with the rest.
 */
final class ScalingReader {

  AutoscaleSettings autoscale(ConfigNode node) {
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
            .min(node.whole("min", d.min()))
            .max(node.whole("max", d.max()))
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
            .build();
    node.problems(settings.problems());
    return settings;
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
    node.allowOnly(List.of("size", "waitLimit"));
    HoldQueueConfig d = HoldQueueConfig.DEFAULTS;
    return new HoldQueueConfig(
        (int) node.integer("size", d.size(), 0, 1_000_000),
        node.duration("waitLimit", d.waitLimit(), Duration.ofMillis(1)));
  }
}
