package io.prescal.proxy.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Panic mode: a burst in the short window scales up at once, and nothing scales down meanwhile. */
class PanicModeTest {

  private final ScaleSimulation sim = new ScaleSimulation(AutoscaleSettings.defaults(), 2);

  @Test
  void aBurstOfTwiceTheCapacityPanicsAndScalesUpWithinOneTick() {
    sim.run(Duration.ofSeconds(60), 14); // 2 replicas at 7 each: steady

    ScaleDecision decision = sim.tick(70, 700);

    // Panic window: (14 x 4 s + 70 x 2 s) / 6 s = 32.7 -> 4.7 replicas, 2.3x the 2 ready.
    // The stable window alone would ask for 3.
    assertThat(decision.mode()).isEqualTo(ScaleMode.PANIC);
    assertThat(decision.desiredReplicas()).isEqualTo(5);
    assertThat(decision.reason())
        .isEqualTo("panic: 32.7 in flight over 6 s is 2.3x the capacity of 2 replicas ready");
  }

  @Test
  void belowThePanicThresholdTheStableWindowDecides() {
    sim.run(Duration.ofSeconds(60), 14);

    ScaleDecision decision = sim.tick(40, 400); // panic window: 22.7 -> 3.2 replicas, 1.6x

    assertThat(decision.mode()).isEqualTo(ScaleMode.STABLE);
    assertThat(decision.desiredReplicas()).isEqualTo(2); // stable: 14.9 -> 2.1, within 10% of 2
  }

  @Test
  void noScaleDownWhilePanickingAndPanicEndsAStableWindowAfterTheLastBurst() {
    sim.run(Duration.ofSeconds(60), 14);
    assertThat(sim.tick(70, 700).desiredReplicas()).isEqualTo(5); // the only tick over 2x
    int burst = sim.decisions.size();

    sim.run(Duration.ofSeconds(60), 0);
    List<ScaleDecision> calm = sim.decisions.subList(burst, sim.decisions.size());
    assertThat(calm)
        .allSatisfy(
            d -> {
              assertThat(d.desiredReplicas()).isEqualTo(5);
              assertThat(d.mode()).isEqualTo(ScaleMode.PANIC);
            });
    assertThat(calm.getLast().reason())
        .endsWith("; no scale-down until 60 s after the last burst: keep 5 replicas");

    ScaleDecision after = sim.tick(0, 0);
    assertThat(after.mode()).isEqualTo(ScaleMode.STABLE);
    // Back to stable, the scale-down delay still remembers the 5 of the last 30 s.
    assertThat(after.desiredReplicas()).isEqualTo(5);
    assertThat(after.reason())
        .endsWith("; scale-down delayed: 5 replicas were needed within the last 30 s");

    assertThat(sim.run(Duration.ofMinutes(3), 0).desiredReplicas()).isEqualTo(1);
  }

  @Test
  void panicComparesDemandWithReadyReplicasNotStartingOnes() {
    assertThat(modeAfter21InFlight(3, 1)).isEqualTo(ScaleMode.PANIC);
    assertThat(modeAfter21InFlight(3, 3)).isEqualTo(ScaleMode.STABLE);
  }

  /** 21 in flight is three replicas' worth. */
  private static ScaleMode modeAfter21InFlight(int current, int ready) {
    var clock = new FakeClock();
    var autoscaler = new Autoscaler(AutoscaleSettings.defaults(), clock);
    clock.advance(Duration.ofSeconds(2));
    autoscaler.record(21, 210);
    return autoscaler.decide(current, ready).mode();
  }
}
