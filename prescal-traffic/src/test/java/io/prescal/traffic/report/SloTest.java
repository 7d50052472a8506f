package io.prescal.traffic.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prescal.traffic.engine.WorkerStats;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class SloTest {

  private static Histogram millis(int... values) {
    Histogram h = WorkerStats.newHistogram();
    for (int v : values) {
      h.recordValue(v * 1000L);
    }
    return h;
  }

  @Test
  void checksEveryConditionAgainstTheRun() {
    Slo slo = Slo.parse("p99<50ms, errors<1%, rate>=100, max<=2s");
    Histogram latency = millis(10, 20, 30, 40, 60);

    SloResult r = SloResult.check(slo, latency, 1000, 5, 150);

    assertThat(r.met()).isFalse();
    assertThat(r.checks()).extracting(SloResult.Check::ok).containsExactly(false, true, true, true);
    assertThat(r.checks().getFirst().actual()).isEqualTo("60.03ms");
    assertThat(r.checks().get(1).actual()).isEqualTo("0.50%");
  }

  @Test
  void errorsWithoutPercentAreACount() {
    SloResult r = SloResult.check(Slo.parse("errors<=3"), millis(1), 10, 3, 1);

    assertThat(r.met()).isTrue();
  }

  @Test
  void badConditionsNameThemselves() {
    assertThatThrownBy(() -> Slo.parse("p99<fast"))
        .hasMessageContaining("\"p99<fast\"")
        .hasMessageContaining("\"fast\" is not a duration");
    assertThatThrownBy(() -> Slo.parse("latency<5ms")).hasMessageContaining("not a condition");
    assertThatThrownBy(() -> Slo.parse("p100<5ms")).hasMessageContaining("out of range");
  }
}
