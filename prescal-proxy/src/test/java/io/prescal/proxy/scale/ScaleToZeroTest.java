package io.prescal.proxy.scale;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleMode;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scale to zero after an idle grace (opt-in), and back from zero at once. */
class ScaleToZeroTest {

  private static final AutoscaleSettings TO_ZERO =
      AutoscaleSettings.builder()
          .min(0)
          .scaleToZero(true)
          .idleGrace(Duration.ofSeconds(60))
          .build();

  @Test
  void anIdleServiceGoesToZeroOnlyAfterTheGrace() {
    var sim = new ScaleSimulation(TO_ZERO, 1);

    sim.run(Duration.ofSeconds(58), 0);
    assertThat(sim.decisions).allSatisfy(d -> assertThat(d.desiredReplicas()).isEqualTo(1));

    ScaleDecision zero = sim.tick(0, 0);
    assertThat(zero.desiredReplicas()).isZero();
    assertThat(zero.reason()).isEqualTo("no request and nothing in flight for 60 s: scale to zero");
    assertThat(sim.run(Duration.ofMinutes(5), 0).reason()).endsWith(": stay at zero");
  }

  @Test
  void withoutOptingInTheServiceNeverGoesToZero() {
    var sim = new ScaleSimulation(AutoscaleSettings.defaults(), 1);

    sim.run(Duration.ofMinutes(10), 0);

    assertThat(sim.decisions).allSatisfy(d -> assertThat(d.desiredReplicas()).isEqualTo(1));
  }

  @Test
  void aRequestArrivingAtZeroAsksForAReplicaAtOnce() {
    var sim = idleAtZero();

    sim.autoscaler.requestArrived();
    ScaleDecision wake = sim.autoscaler.decide(0, 0); // no time passes

    assertThat(wake.desiredReplicas()).isEqualTo(1);
    assertThat(wake.reason()).startsWith("a request arrived at zero replicas: start 1 replica (");
  }

  @Test
  void aSampleWithTrafficAtZeroWakesTheServiceToo() {
    var sim = idleAtZero();

    assertThat(sim.tick(1, 0.5).desiredReplicas()).isEqualTo(1);
  }

  @Test
  void aBurstHeldAtZeroGetsEnoughReplicasWithinThePanicWindow() {
    var sim = idleAtZero();

    // 30 requests held: 4.3 replicas' worth. One at once, then panic (no replica is ready).
    assertThat(sim.tick(30, 15).desiredReplicas()).isEqualTo(1);
    assertThat(sim.tick(30, 0).mode()).isEqualTo(ScaleMode.PANIC);
    assertThat(sim.tick(30, 0).desiredReplicas()).isEqualTo(5);
  }

  @Test
  void afterWakingTheServiceStaysUpForAnotherGrace() {
    var sim = idleAtZero();
    sim.tick(1, 0.5);
    int woke = sim.decisions.size();

    sim.run(Duration.ofSeconds(58), 0);
    List<ScaleDecision> since = sim.decisions.subList(woke, sim.decisions.size());
    assertThat(since).allSatisfy(d -> assertThat(d.desiredReplicas()).isEqualTo(1));
    assertThat(sim.tick(0, 0).desiredReplicas()).isZero();
  }

  private static ScaleSimulation idleAtZero() {
    var sim = new ScaleSimulation(TO_ZERO, 1);
    sim.run(Duration.ofMinutes(3), 0);
    assertThat(sim.replicas).isZero();
    return sim;
  }
}
