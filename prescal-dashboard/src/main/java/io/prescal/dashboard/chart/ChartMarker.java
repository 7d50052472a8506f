package io.prescal.dashboard.chart;

import io.prescal.common.event.ColdStart;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.ScaleDecision;
import java.util.Optional;

/**
 * A scale event on a chart's time axis.
 *
 * @param t when, epoch seconds
 * @param label a few characters, e.g. "↑4" or "cold 2.3s"
 * @param kind "up", "down" or "cold": its colour
 */
public record ChartMarker(double t, String label, String kind) {

  /**
   * The marker of {@code envelope} if it is a scale event worth marking: a change or a cold start.
   */
  public static Optional<ChartMarker> of(Envelope envelope) {
    double t = envelope.time().toEpochMilli() / 1000.0;
    return switch (envelope.data()) {
      case ScaleDecision d when d.changes() ->
          Optional.of(
              d.desiredReplicas() > d.currentReplicas()
                  ? new ChartMarker(t, "↑" + d.desiredReplicas(), "up")
                  : new ChartMarker(t, "↓" + d.desiredReplicas(), "down"));
      case ColdStart c ->
          Optional.of(
              new ChartMarker(
                  t, "cold " + io.prescal.dashboard.ui.Figures.millis(c.millis()), "cold"));
      default -> Optional.empty();
    };
  }
}
