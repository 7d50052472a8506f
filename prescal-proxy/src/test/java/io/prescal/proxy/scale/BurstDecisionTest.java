package io.prescal.proxy.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleMode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A burst the request path counts at once: the decision made right after it takes that count as the
 * panic window's demand, so a step is answered in the same moment, not once the window's average
 * has caught up; the count serves that one decision, and panic then holds as usual.
 */
class BurstDecisionTest {

  private final ScaleSimulation sim = new ScaleSimulation(AutoscaleSettings.defaults(), 2);

  @Test
  void aBurstSeenAtOncePanicsInTheSameMomentAndSaysSo() {
    sim.run(Duration.ofSeconds(60), 14); // 2 replicas at 7 each: steady
    sim.clock.advance(Duration.ofMillis(300)); // 0.3 s into the next tick

    sim.autoscaler.record(40, 12); // the partial tick's samples, as the scale loop takes them
    sim.autoscaler.observeBurst(40);
    ScaleDecision decision = sim.autoscaler.decide(2, 2);

    // 40 in flight is 5.7 replicas' worth, 2.9x the 2 ready: panic at once.
    assertThat(decision.mode()).isEqualTo(ScaleMode.PANIC);
    assertThat(decision.desiredReplicas()).isEqualTo(6);
    assertThat(decision.reason())
        .isEqualTo("panic: 40.0 in flight seen at once is 2.9x the capacity of 2 replicas ready");
    assertThat(decision.inputs().observedConcurrency()).isEqualTo(40.0);
    assertThat(decision.inputs().panicConcurrency()).isLessThan(16);
  }

  @Test
  void withoutTheCountTheSameMomentWaitsForThePanicWindow() {
    sim.run(Duration.ofSeconds(60), 14);
    sim.clock.advance(Duration.ofMillis(300));

    sim.autoscaler.record(40, 12);
    ScaleDecision decision = sim.autoscaler.decide(2, 2);

    assertThat(decision.mode()).isEqualTo(ScaleMode.STABLE);
    assertThat(decision.desiredReplicas()).isEqualTo(2);
    assertThat(decision.inputs().observedConcurrency()).isNull();
  }

  @Test
  void theCountServesOneDecisionAndPanicHoldsAfterIt() {
    sim.run(Duration.ofSeconds(60), 14);
    sim.autoscaler.observeBurst(40);
    assertThat(sim.autoscaler.decide(2, 2).desiredReplicas()).isEqualTo(6);

    ScaleDecision next = sim.tick(14, 140);

    assertThat(next.inputs().observedConcurrency()).isNull();
    assertThat(next.mode()).isEqualTo(ScaleMode.PANIC);
    assertThat(next.desiredReplicas()).isEqualTo(6);
  }

  @Test
  void aCountBelowThePanicLevelChangesNothing() {
    sim.run(Duration.ofSeconds(60), 14);
    sim.autoscaler.observeBurst(20); // 2.9 replicas' worth: 1.4x the 2 ready

    ScaleDecision decision = sim.autoscaler.decide(2, 2);

    assertThat(decision.mode()).isEqualTo(ScaleMode.STABLE);
    assertThat(decision.desiredReplicas()).isEqualTo(2);
  }

  @Test
  void servicesThatFollowTheRequestRateLeaveBurstsToTheTick() {
    var settings = AutoscaleSettings.builder().targetRate(100).build();
    var rate = new ScaleSimulation(settings, 2);
    rate.run(Duration.ofSeconds(60), 14);
    rate.autoscaler.observeBurst(400);

    ScaleDecision decision = rate.autoscaler.decide(2, 2);

    assertThat(decision.mode()).isEqualTo(ScaleMode.STABLE);
    assertThat(decision.inputs().observedConcurrency()).isNull();
    assertThat(settings.burstInFlight()).isEqualTo(Integer.MAX_VALUE);
  }

  @Test
  void theRequestPathWakesTheAutoscalerAtThePanicLevelOfOneBackend() {
    // targetInFlight 10 x utilization 0.7 = 7 per replica; panic at 2x: 14 on one backend.
    assertThat(AutoscaleSettings.defaults().burstInFlight()).isEqualTo(14);
    assertThat(
            AutoscaleSettings.builder()
                .targetInFlight(2)
                .targetUtilization(0.7)
                .build()
                .burstInFlight())
        .isEqualTo(3); // 2.8, rounded up
  }
}
