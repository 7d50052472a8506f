package io.prescal.dashboard.chart;

import io.prescal.common.event.ServiceState;
import io.prescal.common.history.HistoryPoint;
import io.prescal.dashboard.ui.Figures;
import java.util.List;

/** The three charts of a service: what each plots and how. */
public enum ChartKind {
  /** Requests and failed requests per second. */
  TRAFFIC(
      "req/s",
      "",
      List.of(
          new Series("req/s", "#6aa8ff", "rgba(106,168,255,0.12)", false),
          new Series("errors/s", "#ff6b6b", "rgba(255,107,107,0.15)", false))),
  /** Median and 99th percentile latency. */
  LATENCY(
      "latency",
      "ms",
      List.of(
          new Series("p50", "#4cc38a", null, false), new Series("p99", "#e0a84a", null, false))),
  /** Ready and desired replicas. */
  REPLICAS(
      "replicas",
      "int",
      List.of(
          new Series("ready", "#4cc38a", "rgba(76,195,138,0.12)", true),
          new Series("desired", "#b58cff", null, true)));

  private final String title;
  private final String unit;
  private final List<Series> series;

  ChartKind(String title, String unit, List<Series> series) {
    this.title = title;
    this.unit = unit;
    this.series = series;
  }

  /** The chart's caption. */
  public String title() {
    return title;
  }

  /** How the browser formats values: "", "ms", "%" or "int". */
  public String unit() {
    return unit;
  }

  /** Its series, in order. */
  public List<Series> series() {
    return series;
  }

  /** The values this chart plots for a history point, in series order; NaN is a gap. */
  public double[] values(HistoryPoint p) {
    return switch (this) {
      case TRAFFIC -> new double[] {p.requestRate(), p.requestRate() * p.errorRate()};
      case LATENCY -> latencies(p.requestRate(), p.p50Millis(), p.p99Millis());
      case REPLICAS -> new double[] {p.readyReplicas(), p.desiredReplicas()};
    };
  }

  /**
   * Latencies where requests were served, else NaN: with no traffic there is no latency, and the
   * chart draws a gap rather than a drop to 0 ms.
   */
  private static double[] latencies(double requestRate, double... millis) {
    if (Figures.hasTraffic(requestRate)) {
      return millis;
    }
    double[] gaps = new double[millis.length];
    java.util.Arrays.fill(gaps, Double.NaN);
    return gaps;
  }

  /** The values this chart plots for a live state, in series order. */
  public double[] values(ServiceState s) {
    return switch (this) {
      case TRAFFIC -> new double[] {s.requestRate(), s.requestRate() * s.errorRate()};
      case LATENCY -> latencies(s.requestRate(), s.p50Millis(), s.p99Millis());
      case REPLICAS -> new double[] {s.readyReplicas(), s.desiredReplicas()};
    };
  }

  /**
   * One line of a chart.
   *
   * @param label legend label
   * @param color line colour
   * @param fill area fill under the line, or null
   * @param stepped true for counts that jump (replicas)
   */
  public record Series(String label, String color, String fill, boolean stepped) {}
}
