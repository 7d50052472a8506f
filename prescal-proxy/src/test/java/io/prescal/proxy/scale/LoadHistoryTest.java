package io.prescal.proxy.scale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Window averages weigh each sample by the part of the window it covers. */
class LoadHistoryTest {

  private final LoadHistory history = new LoadHistory(60_000);

  @Test
  void samplesAreWeighedByTheTimeTheyCover() {
    history.add(0, 1_000, 10, 100);
    history.add(1_000, 4_000, 2, 30);

    var average = history.average(4_000, 4_000);

    assertThat(average.concurrency()).isEqualTo(4.0); // (10 x 1 + 2 x 3) / 4
    assertThat(average.rate()).isEqualTo(32.5); // 130 requests / 4 s
  }

  @Test
  void aSamplePartlyInsideTheWindowCountsForThatPart() {
    history.add(0, 4_000, 8, 400); // 100 req/s

    var average = history.average(5_000, 2_000); // window [3 s, 5 s): 1 s of this sample

    assertThat(average.concurrency()).isEqualTo(8.0);
    assertThat(average.rate()).isCloseTo(100.0, within(1e-9));
  }

  @Test
  void samplesOlderThanTheKeptWindowAreDropped() {
    history.add(0, 1_000, 50, 50);
    history.add(61_000, 62_000, 1, 1);

    assertThat(history.average(62_000, 120_000).concurrency()).isEqualTo(1.0);
  }

  @Test
  void anEmptyWindowIsZero() {
    assertThat(history.average(10_000, 6_000)).isEqualTo(LoadHistory.Average.NONE);
    history.add(0, 1_000, 5, 5);
    assertThat(history.average(10_000, 6_000)).isEqualTo(LoadHistory.Average.NONE);
  }
}
