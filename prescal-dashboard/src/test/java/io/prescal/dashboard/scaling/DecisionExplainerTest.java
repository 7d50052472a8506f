package io.prescal.dashboard.scaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.EventType;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleInputs;
import io.prescal.common.event.ScaleMode;
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
  void aPanicThatOutlastsItsCauseSaysSoRatherThanContradictingItself() {
    // The sample panics with 14.2 in flight; 6 in flight on 2 × 3 capacity is 1× of it.
    ScaleInputs in = decision.inputs();
    ScaleInputs calmer =
        new ScaleInputs(
            in.stableConcurrency(),
            6,
            in.stableRate(),
            in.panicRate(),
            in.target(),
            in.stableWindowMillis(),
            in.panicWindowMillis(),
            in.panicThreshold(),
            in.min(),
            in.max());
    ScaleDecision stillPanicking =
        new ScaleDecision(4, 2, 4, ScaleMode.PANIC, "panic: holding 4", calmer);
    assertThat(DecisionExplainer.lines(stillPanicking).get(2).value())
        .isEqualTo(
            "2 ready × target 3 = 6 · panic demand is 1×, under the 2× that starts panic; panic"
                + " lasts until it has stayed under for the stable window (1 m)");
    ScaleDecision stable = new ScaleDecision(4, 2, 4, ScaleMode.STABLE, "stable", calmer);
    assertThat(DecisionExplainer.lines(stable).get(2).value())
        .endsWith("panic demand is 1× (panic at 2×)");
  }

  @Test
  void oneReplicaIsSingular() {
    ScaleDecision one = new ScaleDecision(2, 2, 1, ScaleMode.STABLE, "down", decision.inputs());
    assertThat(DecisionExplainer.headline(one)).isEqualTo("2 → 1 replica");
    ScaleDecision stay = new ScaleDecision(1, 1, 1, ScaleMode.STABLE, "hold", decision.inputs());
    assertThat(DecisionExplainer.headline(stay)).isEqualTo("stays at 1 replica");
  }

  @Test
  void exactMultiplesDoNotRoundUp() {
    assertThat(DecisionExplainer.wants(9.0, 3.0)).isEqualTo("3");
    assertThat(DecisionExplainer.wants(9.1, 3.0)).isEqualTo("4");
    assertThat(DecisionExplainer.wants(1, 0)).isEqualTo("–");
  }
}
