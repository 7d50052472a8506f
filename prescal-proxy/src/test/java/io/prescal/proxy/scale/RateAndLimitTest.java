package io.prescal.proxy.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.ScaleDecision;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Min, max, scale-up and scale-down rates, and the scale-down delay. */
class RateAndLimitTest {

  @Test
  void maxCapsTheCount() {
    var sim = new ScaleSimulation(AutoscaleSettings.builder().max(4).build(), 4);

    ScaleDecision decision = sim.tick(70, 700);

    assertThat(decision.desiredReplicas()).isEqualTo(4);
    assertThat(decision.reason()).endsWith("; capped at max 4");
  }

  @Test
  void minRaisesTheCount() {
    var sim = new ScaleSimulation(AutoscaleSettings.builder().min(3).build(), 3);

    ScaleDecision decision = sim.run(Duration.ofMinutes(2), 0);

    assertThat(decision.desiredReplicas()).isEqualTo(3);
    assertThat(decision.reason()).endsWith("; raised to min 3");
  }

  @Test
  void scaleUpRateLimitsEachStep() {
    var settings = AutoscaleSettings.builder().maxScaleUpRate(2).build();
    var sim = new ScaleSimulation(settings, 2);

    ScaleDecision first = sim.tick(70, 700); // needs 10

    assertThat(first.desiredReplicas()).isEqualTo(4);
    assertThat(first.reason()).contains("; scale-up rate limited to 4 replicas");
    assertThat(sim.tick(70, 700).desiredReplicas()).isEqualTo(8);
    assertThat(sim.tick(70, 700).desiredReplicas()).isEqualTo(10);
  }

  @Test
  void scaleDownRateLimitsEachStep() {
    var settings =
        AutoscaleSettings.builder().maxScaleDownRate(2).scaleDownDelay(Duration.ZERO).build();
    var sim = new ScaleSimulation(settings, 8);

    ScaleDecision first = sim.run(Duration.ofSeconds(60), 0); // keeps 8 while the window fills

    assertThat(first.desiredReplicas()).isEqualTo(4);
    assertThat(first.reason()).endsWith("; scale-down rate limited to 4 replicas");
    assertThat(sim.tick(0, 0).desiredReplicas()).isEqualTo(2);
    assertThat(sim.tick(0, 0).desiredReplicas()).isEqualTo(1);
  }

  @Test
  void scaleDownWaitsUntilNoRecommendationOfTheDelayAskedForMore() {
    List<ScaleDecision> delayed = afterLoadDrop(Duration.ofSeconds(30));
    List<ScaleDecision> prompt = afterLoadDrop(Duration.ZERO);

    // Without a delay the count falls within 30 s of the drop; with it, it holds for 30 s.
    assertThat(prompt).anySatisfy(d -> assertThat(d.desiredReplicas()).isLessThan(6));
    assertThat(delayed).allSatisfy(d -> assertThat(d.desiredReplicas()).isEqualTo(6));
    assertThat(delayed.getLast().reason())
        .endsWith("; scale-down delayed: 6 replicas were needed within the last 30 s");
  }

  /** Decisions in the 30 s after 6 replicas' worth of load falls to one replica's worth. */
  private static List<ScaleDecision> afterLoadDrop(Duration delay) {
    var sim = new ScaleSimulation(AutoscaleSettings.builder().scaleDownDelay(delay).build(), 6);
    sim.run(Duration.ofSeconds(60), 42);
    int drop = sim.decisions.size();
    sim.run(Duration.ofSeconds(30), 7);
    return List.copyOf(sim.decisions.subList(drop, sim.decisions.size()));
  }
}
