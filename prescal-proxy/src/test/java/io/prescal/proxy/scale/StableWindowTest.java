package io.prescal.proxy.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Stable mode: the stable window's average against target in-flight times utilization. */
class StableWindowTest {

  @Test
  void desiredReplicasFollowTheStableAverageOverTargetTimesUtilization() {
    // Defaults: 10 in flight per replica at 0.7 utilization = 7 each; 17.5 needs 2.5 -> 3.
    var sim = new ScaleSimulation(AutoscaleSettings.defaults(), 2);

    ScaleDecision decision = sim.run(Duration.ofSeconds(60), 17.5);

    assertThat(decision.desiredReplicas()).isEqualTo(3);
    assertThat(decision.mode()).isEqualTo(ScaleMode.STABLE);
    assertThat(decision.reason())
        .isEqualTo("stable: 17.5 in flight over 60 s needs 2.5 replicas at 7.0 each");
    assertThat(decision.inputs().target()).isEqualTo(7.0);
    assertThat(decision.inputs().stableConcurrency()).isEqualTo(17.5);
    assertThat(decision.inputs().stableRate()).isEqualTo(175.0);

    assertThat(sim.run(Duration.ofMinutes(2), 17.5).desiredReplicas()).isEqualTo(3);
    assertThat(sim.changes()).isEqualTo(1);
  }

  @Test
  void untilTheStableWindowHasFilledTheCountStays() {
    var sim = new ScaleSimulation(AutoscaleSettings.defaults(), 2);

    ScaleDecision first = sim.tick(17.5, 175);
    sim.run(Duration.ofSeconds(56), 17.5);

    assertThat(first.reason())
        .isEqualTo("stable window filling (2 s of 60 s seen): keep 2 replicas");
    assertThat(sim.decisions).allSatisfy(d -> assertThat(d.desiredReplicas()).isEqualTo(2));
    assertThat(sim.tick(17.5, 175).desiredReplicas()).isEqualTo(3);
  }

  @Test
  void theStableWindowAveragesTheLastMinuteWhileThePanicWindowSeesOnlySixSeconds() {
    var settings = AutoscaleSettings.builder().scaleDownDelay(Duration.ZERO).build();
    var sim = new ScaleSimulation(settings, 5);
    sim.run(Duration.ofSeconds(30), 35);

    ScaleDecision after = sim.run(Duration.ofSeconds(30), 0);

    assertThat(after.inputs().stableConcurrency()).isEqualTo(17.5);
    assertThat(after.inputs().panicConcurrency()).isZero();
    assertThat(after.desiredReplicas()).isEqualTo(3);
  }

  @Test
  void aTargetRateMakesTheAutoscalerFollowRequestsPerSecond() {
    // 100 req/s per replica at 0.7 = 70 each: 350 req/s needs 5, whatever the in-flight count.
    var settings = AutoscaleSettings.builder().targetRate(100).build();
    var sim = new ScaleSimulation(settings, 4);

    ScaleDecision decision = null;
    for (int tick = 0; tick < 30; tick++) {
      decision = sim.tick(1, 350);
    }

    assertThat(decision.desiredReplicas()).isEqualTo(5);
    assertThat(decision.inputs().target()).isEqualTo(70.0);
    assertThat(decision.reason())
        .isEqualTo("stable: 350.0 req/s over 60 s needs 5.0 replicas at 70.0 each");
  }

  @Test
  void withinToleranceTheCountStays() {
    // 22 in flight needs 3.14 replicas: within 10% of 3, so no fourth replica.
    var sim = new ScaleSimulation(AutoscaleSettings.defaults(), 3);

    ScaleDecision decision = sim.run(Duration.ofSeconds(60), 22);

    assertThat(decision.desiredReplicas()).isEqualTo(3);
    assertThat(decision.reason()).endsWith("needs 3.1 replicas at 7.0 each, within 10% of 3");
  }
}
