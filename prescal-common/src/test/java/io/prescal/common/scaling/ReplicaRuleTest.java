package io.prescal.common.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prescal.common.event.LimitsCommand;
import io.prescal.common.event.ScaleCommand;
import io.prescal.testing.ReplicaAttacks;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The rule itself, on every case the paths are tested with, and at its edges. */
class ReplicaRuleTest {

  static final List<ReplicaAttacks.Limits> LIMITS = ReplicaAttacks.limits();
  static final List<ReplicaAttacks.Fix> FIXES = ReplicaAttacks.fixes();
  static final List<ReplicaAttacks.Typed> TYPED = ReplicaAttacks.typed();

  private static final ReplicaLimits WEB = ReplicaAttacks.LIMITS;

  @ParameterizedTest
  @FieldSource("LIMITS")
  void limitsAreRefusedWithOneSentenceOrAccepted(ReplicaAttacks.Limits c) {
    List<Refusal> problems = ReplicaRule.limits(c.min(), c.max(), false, WEB.bounds());
    assertThat(problems.stream().map(Refusal::sentence).findFirst().orElse(null))
        .isEqualTo(c.refusal());
    assertThat(problems).hasSizeLessThanOrEqualTo(1);
    assertThat(!ReplicaRule.shape(c.min(), c.max()).isEmpty()).isEqualTo(c.shape());
  }

  @ParameterizedTest
  @FieldSource("FIXES")
  void fixedCountsAreRefusedWithOneSentenceOrAccepted(ReplicaAttacks.Fix c) {
    Optional<Refusal> refusal = ReplicaRule.fix(c.replicas(), c.force(), WEB);
    assertThat(refusal.map(Refusal::sentence).orElse(null)).isEqualTo(c.refusal());
    assertThat(refusal.map(Refusal::forceable).orElse(false)).isEqualTo(c.forceable());
  }

  @ParameterizedTest
  @FieldSource("TYPED")
  void textThatIsNotACountIsRefusedBeforeTheRule(ReplicaAttacks.Typed c) {
    assertThat(ReplicaRule.wholeNumber("max", c.text()).map(Refusal::sentence))
        .contains(c.refusal());
  }

  @Test
  void wholeNumbersFromTheEdgesOfAnIntAreRead() {
    for (String text : List.of("0", " 7 ", "-1", "2147483647", "-2147483648", "0007")) {
      assertThat(ReplicaRule.wholeNumber("max", text)).as(text).isEmpty();
    }
    for (String text : List.of("2147483648", "+3", "3 4", "٣", "0x10", "2,5", "1_000")) {
      assertThat(ReplicaRule.wholeNumber("max", text)).as(text).isPresent();
    }
  }

  @Test
  void zeroIsAFixedCountForAServiceThatScalesToZeroWithoutForce() {
    var idle = new ReplicaLimits(2, 4, true, null);
    assertThat(ReplicaRule.fix(0, false, idle)).isEmpty();
    // Between zero and min is still below min: only zero is the service's idle state.
    assertThat(ReplicaRule.fix(1, false, idle)).map(Refusal::forceable).contains(true);
    assertThat(ReplicaRule.limits(0, 4, true, null)).isEmpty();
  }

  @Test
  void withoutBoundsTheCeilingIsLeftToTheProxy() {
    var unknown = new ReplicaLimits(1, 100, false, null);
    assertThat(ReplicaRule.fix(100, false, unknown)).isEmpty();
    assertThat(ReplicaRule.limits(1, 1000, false, null)).isEmpty();
  }

  @Test
  void forceNeverPassesTheCeilingOrMax() {
    assertThat(ReplicaRule.fix(ReplicaAttacks.CEILING + 1, true, WEB)).isPresent();
    assertThat(ReplicaRule.fix(WEB.max() + 1, true, WEB)).isPresent();
    assertThat(ReplicaRule.fix(-1, true, WEB)).isPresent();
  }

  @Test
  void commandRecordsRefuseWhatNeedsNoServiceInTheRulesWords() {
    for (ReplicaAttacks.Limits c : LIMITS) {
      if (c.shape()) {
        assertThatThrownBy(() -> new LimitsCommand(c.min(), c.max(), "ops"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage(c.refusal());
      } else {
        assertThat(new LimitsCommand(c.min(), c.max(), "ops").max()).isEqualTo(c.max());
      }
    }
    assertThatThrownBy(() -> new ScaleCommand(-1, "ops"))
        .hasMessage("replicas: -1 (expected: >= 0)");
  }

  @Test
  void boundsNameTheirCeilingAndRefuseNonsense() {
    assertThat(new ScalingBounds("docker", 50, 4, 0).ceiling())
        .isEqualTo("ceiling 50 for the docker provider");
    assertThat(ScalingBounds.defaultMaxReplicas("docker")).isEqualTo(50);
    assertThat(ScalingBounds.defaultMaxReplicas("process")).isEqualTo(16);
    assertThatThrownBy(() -> new ScalingBounds("process", 0, 4, 0))
        .hasMessage("maxReplicas: 0 (expected: >= 1)");
    assertThatThrownBy(() -> new ScalingBounds("process", 4, 0, 0))
        .hasMessage("maxConcurrentStarts: 0 (expected: >= 1)");
  }

  @Test
  void warmBackendsCountAgainstTheCeilingSoMaxLeavesThemRoom() {
    var bounds = new ScalingBounds("process", 6, 2, 0, 2);
    String sentence =
        " (expected: <= 4: ceiling 6 for the process provider less warmPool.size 2; raise"
            + " scaling.maxReplicas in the proxy's file or lower warmPool.size)";
    assertThat(bounds.replicaCeiling()).isEqualTo(4);
    assertThat(ReplicaRule.limits(1, 4, false, bounds)).isEmpty();
    assertThat(ReplicaRule.limits(1, 5, false, bounds))
        .extracting(Refusal::sentence)
        .containsExactly("max: 5" + sentence);
    var limits = new ReplicaLimits(1, 4, false, bounds);
    assertThat(ReplicaRule.fix(4, false, limits)).isEmpty();
    assertThat(ReplicaRule.fix(5, true, limits).map(Refusal::sentence))
        .contains("replicas: 5" + sentence);
  }

  @Test
  void aWarmPoolLeavesRoomForOneReplicaUnderTheCeiling() {
    var bounds = new ScalingBounds("docker", 50, 4, 0);
    assertThat(ReplicaRule.warmPool(0, bounds)).isEmpty();
    assertThat(ReplicaRule.warmPool(49, bounds)).isEmpty();
    assertThat(ReplicaRule.warmPool(50, bounds).map(Refusal::sentence))
        .contains(
            "warmPool.size: 50 (expected: <= 49: ceiling 50 for the docker provider less 1"
                + " replica; raise scaling.maxReplicas in the proxy's file)");
    assertThat(ReplicaRule.warmPool(-1, bounds).map(Refusal::sentence))
        .contains("warmPool.size: -1 (expected: >= 0, 0 for none)");
    assertThat(bounds.withWarmPool(0)).isEqualTo(bounds);
    assertThat(bounds.withWarmPool(0).warmPoolSize()).isNull();
    assertThat(bounds.withWarmPool(3).warmPool()).isEqualTo(3);
    assertThatThrownBy(() -> bounds.withWarmPool(-2))
        .hasMessage("warmPoolSize: -2 (expected: >= 0, 0 for none)");
  }
}
