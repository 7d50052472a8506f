package io.prescal.dashboard.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.LimitsCommand;
import io.prescal.common.event.PauseCommand;
import io.prescal.common.event.ResumeCommand;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.event.ScaleMode;
import io.prescal.common.event.ServiceState;
import io.prescal.common.scaling.ReplicaLimits;
import io.prescal.common.scaling.ScalingBounds;
import io.prescal.testing.ReplicaAttacks;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The dashboard's way into the replica rule, without a browser: every case of {@link
 * ReplicaAttacks} typed into the controls must be refused on its field with the rule's sentence
 * (the proxy's file, admin API and Redis commands run the same cases in prescal-proxy), or reach
 * the confirm dialog with the right command; a count below min asks for force there.
 */
class ServiceControlsTest {

  static final List<ReplicaAttacks.Limits> LIMITS = ReplicaAttacks.limits();
  static final List<ReplicaAttacks.Fix> FIXES = ReplicaAttacks.fixes();
  static final List<ReplicaAttacks.Typed> TYPED = ReplicaAttacks.typed();

  private final List<Confirmation> asked = new ArrayList<>();
  private final ServiceControls controls =
      new ServiceControls(ReplicaAttacks.SERVICE, "ops", asked::add);

  private static ServiceState web(ScaleMode mode) {
    ReplicaLimits limits = ReplicaAttacks.LIMITS;
    AutoscalerStatus autoscaler =
        new AutoscalerStatus(
            mode,
            limits.min(),
            limits.max(),
            3,
            5,
            60_000,
            6_000,
            2,
            limits.scaleToZero(),
            "",
            limits.bounds());
    return new ServiceState("web", 3, 3, 100, 0, 5, 20, 4, 0, 0, 0, autoscaler, List.of(), false);
  }

  private void type(String key, String text) {
    controls.field(key).setValue(text);
  }

  @ParameterizedTest
  @FieldSource("LIMITS")
  void limitsAreRefusedOnTheirFieldOrConfirmed(ReplicaAttacks.Limits c) {
    controls.show(web(ScaleMode.STABLE));
    type("min", Integer.toString(c.min()));
    type("max", Integer.toString(c.max()));

    controls.button("set-limits").click();

    if (c.refusal() == null) {
      assertThat(asked)
          .singleElement()
          .satisfies(
              a ->
                  assertThat(a.command().apply(false))
                      .isEqualTo(new LimitsCommand(c.min(), c.max(), "ops")));
    } else {
      assertThat(asked).isEmpty();
      String key = c.refusal().substring(0, c.refusal().indexOf(':'));
      assertThat(controls.field(key).message()).isEqualTo(c.refusal());
    }
  }

  @ParameterizedTest
  @FieldSource("FIXES")
  void fixedCountsAreRefusedOnTheFieldOrConfirmedAskingForForceBelowMin(ReplicaAttacks.Fix c) {
    controls.show(web(ScaleMode.STABLE));
    type("replicas", Integer.toString(c.replicas()));

    controls.button("scale").click();

    boolean refusedEvenForced = c.refusal() != null && !c.forceable();
    if (refusedEvenForced) {
      assertThat(asked).isEmpty();
      assertThat(controls.field("replicas").message()).isEqualTo(c.refusal());
      return;
    }
    Confirmation confirmation = asked.getFirst();
    assertThat(controls.field("replicas").message()).isNull();
    if (c.refusal() != null) {
      // Forceable: the dialog asks, and only a ticked box sends the forced command.
      assertThat(confirmation.force()).startsWith(c.refusal());
      assertThat(confirmation.command().apply(true))
          .isEqualTo(new ScaleCommand(c.replicas(), "ops", true));
    } else if (c.force()) {
      // Forced in the case, but the count needs no force: the dialog does not ask for it.
      assertThat(confirmation.needsForce()).isEqualTo(c.replicas() < 2);
    } else {
      assertThat(confirmation.needsForce()).isFalse();
      assertThat(confirmation.command().apply(false))
          .isEqualTo(new ScaleCommand(c.replicas(), "ops"));
    }
  }

  @ParameterizedTest
  @FieldSource("TYPED")
  void textThatIsNotACountIsRefusedOnTheFieldAsTheAdminApiRefusesIt(ReplicaAttacks.Typed c) {
    controls.show(web(ScaleMode.STABLE));
    type("max", c.text());

    assertThat(controls.field("max").message()).isEqualTo(c.refusal());
    controls.button("set-limits").click();

    assertThat(asked).isEmpty();
    assertThat(controls.field("max").message()).isEqualTo(c.refusal());
  }

  @Test
  void theDialogShowsCurrentToNewReplicasAndTheirMemory() {
    controls.show(web(ScaleMode.STABLE));
    type("replicas", "4");
    controls.button("scale").click();
    type("min", "1");
    type("max", "6");
    controls.button("set-limits").click();

    assertThat(asked.get(0).change()).isEqualTo("3 -> 4 replicas (min 2, max 4; ceiling 6)");
    assertThat(asked.get(0).cost()).isEqualTo("Memory: about 256 MiB (4 x 64 MiB per backend).");
    assertThat(asked.get(1).change())
        .isEqualTo("min 2 -> 1, max 4 -> 6 (3 replicas ready now; ceiling 6)");
    assertThat(asked.get(1).cost()).isEqualTo("Memory: up to 384 MiB (6 x 64 MiB per backend).");
    assertThat(controls.field("max").getHelperText()).isEqualTo("at most 6, the ceiling");
  }

  @Test
  void zeroAsksForForceAndSaysNothingWillServe() {
    controls.show(web(ScaleMode.STABLE));
    type("replicas", "0");
    controls.button("scale").click();

    assertThat(asked.getFirst().force())
        .endsWith("Tick \"Force it\" to run 0 replicas: nothing will serve web.");
    assertThat(asked.getFirst().command().apply(false)).isEqualTo(new ScaleCommand(0, "ops"));
    assertThat(asked.getFirst().command().apply(true)).isEqualTo(new ScaleCommand(0, "ops", true));
  }

  @Test
  void pauseAndResumeFollowTheMode() {
    controls.show(web(ScaleMode.STABLE));
    assertThat(controls.button("pause").isEnabled()).isTrue();
    assertThat(controls.button("resume").isEnabled()).isFalse();
    assertThat(controls.modeText()).isEqualTo("Autoscaling (stable)");
    controls.button("pause").click();
    assertThat(asked.getLast().command().apply(false)).isEqualTo(new PauseCommand("ops"));

    controls.show(web(ScaleMode.PAUSED));
    assertThat(controls.button("pause").isEnabled()).isFalse();
    assertThat(controls.button("resume").isEnabled()).isTrue();
    assertThat(controls.modeText()).isEqualTo("Paused by an operator: 3 replicas until resumed");
    controls.button("resume").click();
    assertThat(asked.getLast().command().apply(false)).isEqualTo(new ResumeCommand("ops"));

    controls.show(web(ScaleMode.FIXED));
    assertThat(controls.button("resume").isEnabled()).isTrue();
    assertThat(controls.modeText()).isEqualTo("Fixed at 3 replicas until resumed");
  }

  @Test
  void beforeAnyStateAndForAStaticServiceNothingCanBeSent() {
    assertThat(controls.button("set-limits").isEnabled()).isFalse();
    assertThat(controls.button("pause").isEnabled()).isFalse();
    controls.show(new ServiceState("web", 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, null, List.of(), false));
    assertThat(controls.button("scale").isEnabled()).isFalse();
    assertThat(controls.modeText()).isEqualTo("not autoscaled");
  }

  @Test
  void whatTheOperatorTypedIsKeptWhenTheStateMoves() {
    controls.show(web(ScaleMode.STABLE));
    type("max", "5");
    controls.show(web(ScaleMode.PANIC));
    assertThat(controls.field("max").getValue()).isEqualTo("5");
    assertThat(controls.field("replicas").getValue()).isEqualTo("3");
  }

  @Test
  void theFieldsSayTheCeilingLessTheWarmPool() {
    var bounds = new ScalingBounds("process", 16, 4, 0);
    assertThat(ServiceControls.ceilingHelp(bounds)).isEqualTo("at most 16, the ceiling");
    assertThat(ServiceControls.ceilingHelp(bounds.withWarmPool(2)))
        .isEqualTo("at most 14, the ceiling less 2 kept warm");
    assertThat(ServiceControls.ceilingHelp(null)).isEmpty();
  }
}
