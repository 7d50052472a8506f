package io.prescal.proxy.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Settings validation lists every problem with its key, value and what is expected. */
class AutoscaleSettingsTest {

  @Test
  void theDefaultsAreValid() {
    assertThat(AutoscaleSettings.defaults().problems()).isEmpty();
  }

  @Test
  void everyProblemIsListedAtOnce() {
    var bad =
        AutoscaleSettings.builder()
            .min(3)
            .max(2)
            .targetUtilization(1.5)
            .panicWindow(Duration.ofSeconds(90))
            .panicThreshold(1)
            .maxScaleDownRate(0.5)
            .idleGrace(null)
            .build();

    assertThat(bad.problems())
        .extracting(Object::toString)
        .containsExactly(
            "max: 2 (expected: >= 1 and >= min=3)",
            "targetUtilization: 1.5 (expected: a share in (0, 1], e.g. 0.7)",
            "stableWindow: PT1M (expected: a duration >= panicWindow=PT1M30S)",
            "panicThreshold: 1.0 (expected: > 1, e.g. 2.0)",
            "maxScaleDownRate: 0.5 (expected: > 1, e.g. 2.0)",
            "idleGrace: null (expected: a duration > 0, e.g. 60s)");
  }

  @Test
  void minZeroNeedsScaleToZero() {
    assertThat(AutoscaleSettings.builder().min(0).build().problems())
        .extracting(Object::toString)
        .containsExactly("min: 0 (expected: >= 1, or scaleToZero: true)");
    assertThat(AutoscaleSettings.builder().min(0).scaleToZero(true).build().problems()).isEmpty();
  }

  @Test
  void anAutoscalerRefusesInvalidSettingsWithEveryProblem() {
    var bad = AutoscaleSettings.builder().max(0).targetInFlight(0).build();

    assertThatThrownBy(() -> new Autoscaler(bad, new FakeClock()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid autoscale settings:\n"
                + "  max: 0 (expected: >= 1 and >= min=1)\n"
                + "  targetInFlight: 0.0 (expected: > 0)");
  }

  @Test
  void aRateTargetSwitchesTheMetric() {
    var rate = AutoscaleSettings.builder().targetRate(50).targetUtilization(0.5).build();

    assertThat(rate.followsRate()).isTrue();
    assertThat(rate.effectiveTarget()).isEqualTo(25.0);
    assertThat(AutoscaleSettings.defaults().effectiveTarget()).isEqualTo(7.0);
  }
}
