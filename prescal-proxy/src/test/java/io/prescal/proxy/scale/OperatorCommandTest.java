package io.prescal.proxy.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prescal.common.event.DrainCommand;
import io.prescal.common.event.LimitsCommand;
import io.prescal.common.event.PauseCommand;
import io.prescal.common.event.ResumeCommand;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.event.ScaleMode;
import io.prescal.proxy.events.CommandHandler.CommandRefusedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Pause, resume, a fixed replica count and new limits, as operators send them. */
class OperatorCommandTest {

  private final ScaleSimulation sim = new ScaleSimulation(AutoscaleSettings.defaults(), 2);

  @Test
  void pauseKeepsTheCountWhateverTheLoadAndResumeScalesAgain() throws Exception {
    assertThat(sim.autoscaler.apply(new PauseCommand("ops"))).isEqualTo("autoscaling paused");

    sim.run(Duration.ofSeconds(30), 70);
    assertThat(sim.decisions)
        .allSatisfy(
            d -> {
              assertThat(d.desiredReplicas()).isEqualTo(2);
              assertThat(d.mode()).isEqualTo(ScaleMode.PAUSED);
              assertThat(d.reason()).isEqualTo("autoscaling paused by an operator");
            });
    assertThat(sim.autoscaler.status().mode()).isEqualTo(ScaleMode.PAUSED);

    sim.autoscaler.apply(new ResumeCommand("ops"));
    assertThat(sim.tick(70, 700).desiredReplicas()).isEqualTo(10);
  }

  @Test
  void aPausedCountIsKeptWhenADrainTakesABackendAwayAndFollowsNewLimits() throws Exception {
    sim.autoscaler.apply(new PauseCommand("ops"));
    assertThat(sim.autoscaler.decide(3, 3).desiredReplicas()).isEqualTo(3);

    // A drain retired one: the pinned count stands, so the loop starts a replacement.
    assertThat(sim.autoscaler.decide(2, 2).desiredReplicas()).isEqualTo(3);

    sim.autoscaler.apply(new LimitsCommand(4, 6, "ops"));
    assertThat(sim.autoscaler.decide(3, 3))
        .satisfies(d -> assertThat(d.desiredReplicas()).isEqualTo(4))
        .satisfies(
            d ->
                assertThat(d.reason())
                    .isEqualTo("autoscaling paused by an operator; raised to min 4"));
    sim.autoscaler.apply(new LimitsCommand(1, 2, "ops"));
    assertThat(sim.autoscaler.decide(3, 3).desiredReplicas()).isEqualTo(2);
  }

  @Test
  void aFixedCountHoldsUntilResume() throws Exception {
    assertThat(sim.autoscaler.apply(new ScaleCommand(4, "ops"))).isEqualTo("replicas fixed at 4");

    assertThat(sim.run(Duration.ofSeconds(30), 0).desiredReplicas()).isEqualTo(4);
    assertThat(sim.decisions).allSatisfy(d -> assertThat(d.mode()).isEqualTo(ScaleMode.FIXED));
    assertThat(sim.autoscaler.status().lastReason()).isEqualTo("fixed by an operator");

    sim.autoscaler.apply(new ResumeCommand("ops"));
    assertThat(sim.run(Duration.ofMinutes(2), 0).desiredReplicas()).isEqualTo(1);
  }

  @Test
  void zeroWithoutScaleToZeroIsRefusedUnlessForced() throws Exception {
    assertThatThrownBy(() -> sim.autoscaler.apply(new ScaleCommand(0, "ops")))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessage(
            "replicas: 0 (expected: >= 1, since the service does not scale to zero; force=true to"
                + " stop every backend)");
    assertThat(sim.tick(5, 50).mode()).isEqualTo(ScaleMode.STABLE);

    assertThat(sim.autoscaler.apply(new ScaleCommand(0, "ops", true)))
        .isEqualTo("replicas fixed at 0, below min 1 (forced)");
    assertThat(sim.tick(5, 50).desiredReplicas()).isZero();
  }

  @Test
  void aCountBelowMinIsRefusedUnlessForced() throws Exception {
    sim.autoscaler.apply(new LimitsCommand(3, 6, "ops"));

    assertThatThrownBy(() -> sim.autoscaler.apply(new ScaleCommand(2, "ops")))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessage(
            "replicas: 2 (expected: >= min=3; lower min first, or force=true to go below it)");
    assertThat(sim.autoscaler.apply(new ScaleCommand(2, "ops", true)))
        .isEqualTo("replicas fixed at 2, below min 3 (forced)");
    assertThat(sim.tick(5, 50).desiredReplicas()).isEqualTo(2);
  }

  @Test
  void aCountAboveMaxIsRefusedAndChangesNothing() {
    assertThatThrownBy(() -> sim.autoscaler.apply(new ScaleCommand(11, "ops", true)))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessage("replicas: 11 (expected: <= max=10; raise max first)");

    assertThat(sim.tick(14, 140).mode()).isEqualTo(ScaleMode.STABLE);
  }

  @Test
  void neitherACountNorMaxMayPassTheCeiling() {
    String ceiling =
        " (expected: <= ceiling 16 for the process provider; raise scaling.maxReplicas in the"
            + " proxy's file)";
    assertThatThrownBy(() -> sim.autoscaler.apply(new ScaleCommand(500, "ops", true)))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessage("replicas: 500" + ceiling);
    assertThatThrownBy(() -> sim.autoscaler.apply(new LimitsCommand(1, 1000, "ops")))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessage("max: 1000" + ceiling);
    assertThat(sim.autoscaler.settings().max()).isEqualTo(10);
    assertThat(sim.autoscaler.status().bounds().maxReplicas()).isEqualTo(16);
  }

  @Test
  void newLimitsApplyToTheNextDecision() throws Exception {
    assertThat(sim.autoscaler.apply(new LimitsCommand(3, 4, "ops")))
        .isEqualTo("limits set to min 3, max 4");

    assertThat(sim.tick(0, 0).desiredReplicas()).isEqualTo(3);
    assertThat(sim.run(Duration.ofSeconds(6), 70).desiredReplicas()).isEqualTo(4);
    assertThat(sim.autoscaler.status().min()).isEqualTo(3);
    assertThat(sim.autoscaler.status().max()).isEqualTo(4);
  }

  @Test
  void limitsThatBreakTheSettingsAreRefusedWithTheFix() {
    assertThatThrownBy(() -> sim.autoscaler.apply(new LimitsCommand(0, 5, "ops")))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessage("min: 0 (expected: >= 1, or scaleToZero: true)");
    assertThat(sim.autoscaler.settings().min()).isEqualTo(1);
  }

  @Test
  void drainIsNotTheAutoscalersBusiness() {
    assertThatThrownBy(() -> sim.autoscaler.apply(new DrainCommand("web-1", "ops")))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessage("drain web-1 is for the service's pool, not its autoscaler");
  }
}
