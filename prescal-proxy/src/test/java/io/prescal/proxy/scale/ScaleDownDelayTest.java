package io.prescal.proxy.scale;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The delay returns the largest recommendation of its window. */
class ScaleDownDelayTest {

  private final ScaleDownDelay delay = new ScaleDownDelay();

  @Test
  void scaleUpPassesAtOnceAndScaleDownWaitsForTheDelay() {
    assertThat(delay.apply(0, 2, 10_000)).isEqualTo(2);
    assertThat(delay.apply(1_000, 5, 10_000)).isEqualTo(5);
    assertThat(delay.apply(2_000, 3, 10_000)).isEqualTo(5);
    assertThat(delay.apply(6_000, 4, 10_000)).isEqualTo(5);
    assertThat(delay.apply(11_000, 1, 10_000)).isEqualTo(5); // 5 was at 1 s: still inside
    assertThat(delay.apply(11_001, 1, 10_000)).isEqualTo(4);
    assertThat(delay.apply(16_001, 1, 10_000)).isEqualTo(1);
  }

  @Test
  void zeroDelayPassesEverythingAndClearForgets() {
    assertThat(delay.apply(0, 5, 0)).isEqualTo(5);
    assertThat(delay.apply(1, 2, 0)).isEqualTo(2);
    delay.apply(2, 9, 60_000);
    delay.clear();
    assertThat(delay.apply(3, 1, 60_000)).isEqualTo(1);
  }
}
