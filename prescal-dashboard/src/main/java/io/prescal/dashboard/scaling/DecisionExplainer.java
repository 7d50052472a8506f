package io.prescal.dashboard.scaling;

import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleInputs;
import io.prescal.common.event.ScaleMode;
import io.prescal.dashboard.ui.Figures;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a decision's inputs into the few lines a person needs to check it by hand: what each window
 * asked for, the capacity it was compared with, and the limits.
 */
public final class DecisionExplainer {

  private DecisionExplainer() {}

  /** A figure and its caption. */
  public record Line(String label, String value) {}

  /** The headline, e.g. "2 → 4 replicas" or "stays at 3 replicas". */
  public static String headline(ScaleDecision d) {
    return d.changes()
        ? d.currentReplicas() + " → " + Figures.count(d.desiredReplicas(), "replica")
        : "stays at " + Figures.count(d.desiredReplicas(), "replica");
  }

  /** The direction for colouring: "up", "down" or "hold". */
  public static String direction(ScaleDecision d) {
    if (d.desiredReplicas() > d.currentReplicas()) {
      return "up";
    }
    return d.desiredReplicas() < d.currentReplicas() ? "down" : "hold";
  }

  /** The inputs, with what each window wanted at the target. */
  public static List<Line> lines(ScaleDecision d) {
    ScaleInputs in = d.inputs();
    List<Line> lines = new ArrayList<>();
    lines.add(
        new Line(
            "stable window " + Figures.age(in.stableWindowMillis() / 1000),
            Figures.rate(in.stableConcurrency())
                + " in flight · "
                + Figures.rate(in.stableRate())
                + " req/s → wants "
                + wants(in.stableConcurrency(), in.target())));
    lines.add(
        new Line(
            "panic window " + Figures.age(in.panicWindowMillis() / 1000),
            Figures.rate(in.panicConcurrency())
                + " in flight · "
                + Figures.rate(in.panicRate())
                + " req/s → wants "
                + wants(in.panicConcurrency(), in.target())));
    double capacity = d.readyReplicas() * in.target();
    lines.add(
        new Line(
            "capacity",
            d.readyReplicas()
                + " ready × target "
                + Figures.rate(in.target())
                + " = "
                + Figures.rate(capacity)
                + (capacity > 0 ? " · " + panicDemand(d, in.panicConcurrency() / capacity) : "")));
    lines.add(new Line("limits", "min " + in.min() + " · max " + in.max()));
    return lines;
  }

  /**
   * The panic window's demand against the capacity. Panic outlasts its cause (it ends only after
   * the panic window has stayed under the threshold for a whole stable window), so a panic decision
   * under the threshold says it is still in panic and why, rather than contradicting it.
   */
  static String panicDemand(ScaleDecision d, double ratio) {
    String demand = "panic demand is " + Figures.rate(ratio) + "×";
    String threshold = Figures.rate(d.inputs().panicThreshold()) + "×";
    if (d.mode() == ScaleMode.PANIC && ratio < d.inputs().panicThreshold()) {
      return demand
          + ", under the "
          + threshold
          + " that starts panic; panic lasts until it has stayed under for the stable window ("
          + Figures.age(d.inputs().stableWindowMillis() / 1000)
          + ")";
    }
    return demand + " (panic at " + threshold + ")";
  }

  /** Replicas a window asks for: ceil(concurrency / target), or "–" without a target. */
  static String wants(double concurrency, double target) {
    if (target <= 0) {
      return "–";
    }
    return Long.toString((long) Math.ceil(concurrency / target - 1e-9));
  }
}
