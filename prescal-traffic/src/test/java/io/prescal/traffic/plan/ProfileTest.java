package io.prescal.traffic.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileTest {

  @TempDir Path dir;

  private static List<Long> times(Schedule s) {
    List<Long> out = new ArrayList<>();
    for (long t; (t = s.next()) >= 0; ) {
      out.add(t);
    }
    return out;
  }

  @Test
  void aConstantRatePlansEvenlySpacedSends() {
    Schedule s = new RateProfile(List.of(Stage.hold(1000, Duration.ofSeconds(1)))).schedule(1, 0);
    List<Long> t = times(s);

    assertThat(t).hasSize(1000);
    assertThat(t.get(0)).isZero();
    assertThat(t.get(1)).isEqualTo(1_000_000);
    assertThat(t.get(999)).isEqualTo(999_000_000);
  }

  @Test
  void sharesInterleaveAndTogetherPlanTheWholeProfile() {
    RateProfile p = new RateProfile(List.of(Stage.hold(1000, Duration.ofSeconds(1))));
    List<Long> a = times(p.schedule(2, 0));
    List<Long> b = times(p.schedule(2, 1));

    assertThat(a.size() + b.size()).isEqualTo(1000);
    assertThat(a.get(1)).isEqualTo(2_000_000);
    assertThat(b.get(0)).isEqualTo(1_000_000);
  }

  @Test
  void aRampPlansItsAreaWithTheRateRising() {
    RateProfile p = ProfileText.parse("ramp 0-1000/s 10s");
    List<Long> t = times(p.schedule(1, 0));

    assertThat(t.size()).isBetween(4999, 5001);
    long firstSecond = t.stream().filter(x -> x < 1_000_000_000L).count();
    long lastSecond = t.stream().filter(x -> x >= 9_000_000_000L).count();
    assertThat(firstSecond).isBetween(49L, 51L);
    assertThat(lastSecond).isBetween(949L, 951L);
    assertThat(p.plannedRequests(Duration.ofSeconds(10).toNanos())).isCloseTo(5000, within(0.01));
  }

  @Test
  void readsEveryStageKindFromText() {
    RateProfile p =
        ProfileText.parse(
            "ramp 0-2000/s 60s, hold 2000/s 2m, spike 5000/s 10s, step 1000-3000/s by 1000 every 30s");

    assertThat(p.stages())
        .extracting(Stage::kind)
        .containsExactly("ramp", "hold", "spike", "step", "step", "step");
    assertThat(p.duration()).isEqualTo(Duration.ofSeconds(60 + 120 + 10 + 90));
    assertThat(p.rateAt(Duration.ofSeconds(30).toNanos())).isCloseTo(1000, within(0.01));
    assertThat(p.peakRate()).isEqualTo(5000);
    // Load steps: the spike, and the first stair (5000 -> 1000 is a drop, 1000 -> 2000 a step).
    assertThat(p.loadSteps()).containsExactly(180_000_000_000L, 220_000_000_000L, 250_000_000_000L);
  }

  @Test
  void readsAYamlFileOfObjectsAndTexts() throws Exception {
    Path file = dir.resolve("p.yaml");
    Files.writeString(
        file,
        """
        stages:
          - ramp: 0-100/s
            duration: 10s
          - hold: 100
            duration: 5s
          - "spike 300/s 2s"
          - step: 100-300/s
            by: 100
            every: 1s
        """);
    RateProfile p = ProfileFile.read(file);

    assertThat(p.stages())
        .extracting(Stage::kind)
        .containsExactly("ramp", "hold", "spike", "step", "step", "step");
    assertThat(p.duration()).isEqualTo(Duration.ofSeconds(20));
  }

  @Test
  void badStagesNameTheStageAndTheForms() {
    assertThatThrownBy(() -> ProfileText.parse("hold fast 10s"))
        .hasMessageContaining("stage \"hold fast 10s\"")
        .hasMessageContaining("\"fast\" is not a rate")
        .hasMessageContaining("ramp 0-2000/s 60s");
    assertThatThrownBy(() -> ProfileText.parse("ramp 100/s 10s"))
        .hasMessageContaining("not a range");
    assertThatThrownBy(() -> ProfileText.parse(" , ")).hasMessageContaining("no stage");
  }

  @Test
  void durationsAndRatesReadTheWaysUsersWriteThem() {
    assertThat(DurationText.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationText.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(DurationText.parse("500us")).isEqualTo(Duration.ofNanos(500_000));
    assertThat(RateText.parse("2k/s")).isEqualTo(2000);
    assertThat(RateText.parse("120/m")).isEqualTo(2);
    assertThatThrownBy(() -> DurationText.parse("10"))
        .hasMessageContaining("\"10\" is not a duration");
  }
}
