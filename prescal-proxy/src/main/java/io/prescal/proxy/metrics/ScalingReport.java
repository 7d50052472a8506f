package io.prescal.proxy.metrics;

import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.ScaleDecision;
import io.prescal.proxy.autoscale.ColdStartStats;
import io.prescal.proxy.autoscale.ScaleStatus;
import io.prescal.proxy.autoscale.WarmPoolStatus;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The {@code autoscaling} part of a service in {@code /status}. */
final class ScalingReport {

  static Map<String, Object> of(ScaleStatus s) {
    Map<String, Object> out = new LinkedHashMap<>();
    AutoscalerStatus a = s.autoscaler();
    out.put("provider", s.provider());
    out.put("available", s.available());
    if (s.problem() != null) {
      out.put("problem", s.problem());
    }
    out.put("mode", a.mode().name().toLowerCase(Locale.ROOT));
    out.put("min", a.min());
    out.put("max", a.max());
    out.put("desired", a.desired());
    out.put("current", s.current());
    out.put("ready", s.ready());
    out.put("retiring", s.retiring());
    out.put("failedStarts", s.failedStarts());
    if (s.startsHeld() != null) {
      out.put("startsHeld", s.startsHeld());
    }
    if (a.bounds() != null) {
      Map<String, Object> bounds = new LinkedHashMap<>();
      bounds.put("maxReplicas", a.bounds().maxReplicas());
      bounds.put("maxConcurrentStarts", a.bounds().maxConcurrentStarts());
      bounds.put("memoryPerBackend", a.bounds().memoryPerBackend());
      bounds.put("warmPoolSize", a.bounds().warmPool());
      out.put("bounds", bounds);
    }
    WarmPoolStatus w = s.warm();
    if (w.shown()) {
      Map<String, Object> warm = new LinkedHashMap<>();
      warm.put("size", w.size());
      warm.put("frozen", w.frozen());
      warm.put("starting", w.starting());
      warm.put("backends", w.backends());
      out.put("warmPool", warm);
    }
    out.put("target", a.target());
    out.put("scaleToZero", a.scaleToZero());
    out.put("queued", s.queued());
    ScaleDecision d = s.lastDecision();
    if (d != null) {
      Map<String, Object> decision = new LinkedHashMap<>();
      decision.put("currentReplicas", d.currentReplicas());
      decision.put("readyReplicas", d.readyReplicas());
      decision.put("desiredReplicas", d.desiredReplicas());
      decision.put("mode", d.mode().name().toLowerCase(Locale.ROOT));
      decision.put("reason", d.reason());
      decision.put("inputs", d.inputs());
      if (d.decisionLatencyMillis() != null) {
        decision.put("decisionLatencyMillis", d.decisionLatencyMillis());
      }
      out.put("lastDecision", decision);
    }
    ColdStartStats c = s.coldStarts();
    Map<String, Object> cold = new LinkedHashMap<>();
    cold.put("count", c.count());
    cold.put("lastMillis", c.lastMillis());
    cold.put("lastHeldRequests", c.lastHeld());
    out.put("coldStarts", cold);
    return out;
  }

  private ScalingReport() {}
}
