package io.prescal.dashboard.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.ScaleMode;
import io.prescal.common.scaling.ScalingBounds;
import org.junit.jupiter.api.Test;

/** The autoscaler panel names the bounds the proxy scales within, when the proxy says them. */
class AutoscalerPanelTest {

  @Test
  void theBoundsShowUnderTheReplicas() {
    var status =
        new AutoscalerStatus(
            ScaleMode.STABLE,
            1,
            6,
            2,
            5,
            60_000,
            6_000,
            2,
            false,
            "",
            new ScalingBounds("process", 16, 4, 256L << 20));
    assertThat(AutoscalerPanel.rows(status))
        .anySatisfy(
            row ->
                assertThat(row)
                    .containsExactly(
                        "bounds", "ceiling 16 (process) · 4 starts at once · 256 MiB per backend"));
  }

  @Test
  void aProxyOlderThanTheBoundsShowsNone() {
    var status = new AutoscalerStatus(ScaleMode.STABLE, 1, 6, 2, 5, 60_000, 6_000, 2, false, "");
    assertThat(AutoscalerPanel.rows(status)).noneMatch(row -> row[0].equals("bounds"));
  }

  @Test
  void aWarmPoolShowsApartFromTheReplicas() {
    var status =
        new AutoscalerStatus(
            ScaleMode.STABLE,
            1,
            6,
            2,
            5,
            60_000,
            6_000,
            2,
            false,
            "",
            new ScalingBounds("process", 16, 4, 256L << 20, 2),
            1);
    assertThat(AutoscalerPanel.rows(status))
        .anySatisfy(
            row ->
                assertThat(row)
                    .containsExactly("warm pool", "1 of 2 frozen, ready to thaw (not replicas)"))
        .anySatisfy(
            row -> assertThat(row).containsExactly("replicas", "min 1 · max 6 · desired 2"));
    var none = status.withWarmBackends(null);
    assertThat(
            AutoscalerPanel.rows(
                new AutoscalerStatus(
                    ScaleMode.STABLE,
                    1,
                    6,
                    2,
                    5,
                    60_000,
                    6_000,
                    2,
                    false,
                    "",
                    new ScalingBounds("process", 16, 4, 256L << 20))))
        .noneMatch(row -> row[0].equals("warm pool"));
    assertThat(AutoscalerPanel.rows(none)).anyMatch(row -> row[1].startsWith("0 of 2"));
  }
}
