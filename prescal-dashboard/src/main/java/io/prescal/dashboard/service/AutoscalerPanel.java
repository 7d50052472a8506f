package io.prescal.dashboard.service;

import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.scaling.ScalingBounds;
import io.prescal.dashboard.ui.Figures;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A service's autoscaler settings and mode, as a definition list. */
final class AutoscalerPanel extends Div {

  private final Div rows = new Div();

  AutoscalerPanel() {
    addClassName("panel");
    setId("autoscaler");
    Span title = new Span("Autoscaler");
    title.addClassName("panel-title");
    rows.addClassName("settings");
    add(title, rows);
  }

  void show(AutoscalerStatus status) {
    rows.removeAll();
    for (String[] row : rows(status)) {
      Span key = new Span(row[0]);
      key.addClassName("setting-key");
      Span value = new Span(row[1]);
      value.addClassName("setting-value");
      rows.add(key, value);
    }
  }

  /** The settings as label/value pairs; one line saying so for a service that is not scaled. */
  static List<String[]> rows(AutoscalerStatus a) {
    List<String[]> rows = new ArrayList<>();
    if (a == null) {
      rows.add(new String[] {"mode", "not autoscaled (static backends)"});
      return rows;
    }
    rows.add(new String[] {"mode", a.mode().name().toLowerCase(Locale.ROOT)});
    rows.add(
        new String[] {
          "replicas", "min " + a.min() + " · max " + a.max() + " · desired " + a.desired()
        });
    if (a.bounds() != null) {
      ScalingBounds b = a.bounds();
      rows.add(
          new String[] {
            "bounds",
            "ceiling "
                + b.maxReplicas()
                + " ("
                + b.provider()
                + ") · "
                + b.maxConcurrentStarts()
                + " starts at once"
                + (b.memoryPerBackend() > 0
                    ? " · " + Figures.bytes(b.memoryPerBackend()) + " per backend"
                    : "")
          });
    }
    if (a.bounds() != null && a.bounds().warmPool() > 0) {
      int warm = a.warmBackends() == null ? 0 : a.warmBackends();
      rows.add(
          new String[] {
            "warm pool",
            warm + " of " + a.bounds().warmPool() + " frozen, ready to thaw (not replicas)"
          });
    }
    rows.add(new String[] {"target", Figures.rate(a.target()) + " in flight per backend"});
    rows.add(
        new String[] {
          "windows",
          "stable "
              + Figures.age(a.stableWindowMillis() / 1000)
              + " · panic "
              + Figures.age(a.panicWindowMillis() / 1000)
        });
    rows.add(new String[] {"panic at", Figures.rate(a.panicThreshold()) + "× capacity"});
    rows.add(new String[] {"scale to zero", a.scaleToZero() ? "yes, when idle" : "no"});
    rows.add(
        new String[] {"last decision", a.lastReason().isEmpty() ? "none yet" : a.lastReason()});
    return rows;
  }
}
