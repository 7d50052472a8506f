package io.prescal.dashboard.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.EventType;
import io.prescal.common.event.ScaleDecision;
import io.prescal.testing.EventSamples;
import org.junit.jupiter.api.Test;

class DecisionExplainerTest {

  private final ScaleDecision decision =
      (ScaleDecision) EventSamples.data(EventType.SCALE_DECISION);

  @Test
  void explainsWhatEachWindowWantedAndTheCapacity() {
    assertThat(DecisionExplainer.headline(decision)).isEqualTo("2 → 4 replicas");
    assertThat(DecisionExplainer.direction(decision)).isEqualTo("up");
    var lines = DecisionExplainer.lines(decision);
    // stable 9.5 in flight at target 3 wants ceil(3.17) = 4; panic 14.2 wants 5
    assertThat(lines.get(0).label()).isEqualTo("stable window 1 m");
    assertThat(lines.get(0).value()).endsWith("wants 4");
    assertThat(lines.get(1).value()).endsWith("wants 5");
    // capacity 2 × 3 = 6; panic demand 14.2 / 6 = 2.37×
    assertThat(lines.get(2).value())
        .isEqualTo("2 ready × target 3 = 6 · panic demand is 2.37× (panic at 2×)");
    assertThat(lines.get(3).value()).isEqualTo("min 1 · max 10");
  }

  @Test
  void exactMultiplesDoNotRoundUp() {
    assertThat(DecisionExplainer.wants(9.0, 3.0)).isEqualTo("3");
    assertThat(DecisionExplainer.wants(9.1, 3.0)).isEqualTo("4");
    assertThat(DecisionExplainer.wants(1, 0)).isEqualTo("–");
  }
}
