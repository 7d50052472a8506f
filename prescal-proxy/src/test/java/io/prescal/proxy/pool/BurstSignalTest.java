package io.prescal.proxy.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The request path's burst signal: fires at the threshold, once until rearmed, never when off. */
class BurstSignalTest {
  private final BurstSignal signal = new BurstSignal();
  private final List<Long> woken = new CopyOnWriteArrayList<>();

  @Test
  void firesOnceAtTheThresholdUntilRearmed() {
    List<Integer> levels = new CopyOnWriteArrayList<>();
    signal.watch(
        4,
        (nanos, inFlight) -> {
          woken.add(nanos);
          levels.add(inFlight);
        });

    signal.observe(3);
    assertThat(woken).isEmpty();
    signal.observe(4);
    signal.observe(9);
    assertThat(woken).hasSize(1);

    signal.rearm();
    signal.observe(2);
    assertThat(woken).hasSize(1);
    signal.observe(5);
    assertThat(woken).hasSize(2);
    assertThat(woken.get(1) - woken.get(0)).isNotNegative();
    assertThat(levels).containsExactly(4, 5);
  }

  @Test
  void isOffUntilWatchedAndAtMaxValue() {
    signal.observe(Integer.MAX_VALUE - 1);
    signal.watch(Integer.MAX_VALUE, (nanos, inFlight) -> woken.add(nanos));
    signal.observe(Integer.MAX_VALUE - 1);
    assertThat(woken).isEmpty();
  }

  @Test
  void manyThreadsCrossingAtOnceWakeItOnce() throws Exception {
    signal.watch(1, (nanos, inFlight) -> woken.add(nanos));
    Thread[] threads = new Thread[8];
    for (int i = 0; i < threads.length; i++) {
      threads[i] =
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int n = 0; n < 10_000; n++) {
                      signal.observe(2);
                    }
                  });
    }
    for (Thread t : threads) {
      t.join();
    }
    assertThat(woken).hasSize(1);
  }
}
