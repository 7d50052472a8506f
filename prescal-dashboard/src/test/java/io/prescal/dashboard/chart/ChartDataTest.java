package io.prescal.dashboard.chart;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.ColdStart;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.history.HistoryPoint;
import io.prescal.testing.EventSamples;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartDataTest {

  private final List<HistoryPoint> points =
      List.of(
          new HistoryPoint(1_000_000, 100, 0.02, 10, 40, 2, 3, 5, 0),
          new HistoryPoint(1_001_000, 200, 0.01, 12, 50, 3, 3, 8, 1));

  @Test
  void columnsAreTimesInSecondsThenOneColumnPerSeries() {
    ChartData traffic = ChartData.of(ChartKind.TRAFFIC, points, List.of());
    assertThat(traffic.columns()).hasSize(3);
    assertThat(traffic.columns().get(0)).containsExactly(1000.0, 1001.0);
    assertThat(traffic.columns().get(1)).containsExactly(100.0, 200.0);
    // errors/s = rate × error fraction
    assertThat(traffic.columns().get(2)).containsExactly(2.0, 2.0);

    ChartData replicas = ChartData.of(ChartKind.REPLICAS, points, List.of());
    assertThat(replicas.columns().get(1)).containsExactly(2.0, 3.0);
    assertThat(replicas.columns().get(2)).containsExactly(3.0, 3.0);
  }

  @Test
  void latencyWithNoTrafficIsAGapNotZero() {
    List<HistoryPoint> idle =
        List.of(
            new HistoryPoint(1_000_000, 0, 0, 0, 0, 1, 1, 0, 0),
            new HistoryPoint(1_001_000, 5, 0, 12, 40, 1, 1, 1, 0));
    ChartData latency = ChartData.of(ChartKind.LATENCY, idle, List.of());
    assertThat(latency.columns().get(1)).containsExactly(Double.NaN, 12.0);
    assertThat(latency.columns().get(2)).containsExactly(Double.NaN, 40.0);
  }

  @Test
  void scaleChangesAndColdStartsAreMarkedOtherEventsAreNot() {
    Envelope decision = EventSamples.envelope(EventType.SCALE_DECISION);
    assertThat(ChartMarker.of(decision))
        .get()
        .satisfies(
            m -> {
              assertThat(m.label()).isEqualTo("↑4");
              assertThat(m.kind()).isEqualTo("up");
              assertThat(m.t()).isEqualTo(EventSamples.TIME.toEpochMilli() / 1000.0);
            });
    ScaleDecision d = (ScaleDecision) decision.data();
    ScaleDecision hold = new ScaleDecision(3, 3, 3, d.mode(), "hold", d.inputs());
    assertThat(ChartMarker.of(Envelope.of("p", "web", hold))).isEmpty();
    ScaleDecision down = new ScaleDecision(4, 4, 2, d.mode(), "down", d.inputs());
    assertThat(ChartMarker.of(Envelope.of("p", "web", down)))
        .get()
        .extracting(ChartMarker::kind)
        .isEqualTo("down");
    assertThat(ChartMarker.of(Envelope.of("p", "web", new ColdStart("b", 2310, 4))))
        .get()
        .extracting(ChartMarker::label)
        .isEqualTo("cold 2.31 s");
    assertThat(ChartMarker.of(EventSamples.envelope(EventType.BACKEND_READY))).isEmpty();
  }

  @Test
  void theUplotWebJarShipsWhereTheChartLoadsItFrom() {
    assertThat(UPlot.version()).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(getClass().getClassLoader().getResource(UPlot.scriptResource())).isNotNull();
    assertThat(getClass().getClassLoader().getResource("META-INF/resources/prescal/timechart.js"))
        .isNotNull();
  }
}
