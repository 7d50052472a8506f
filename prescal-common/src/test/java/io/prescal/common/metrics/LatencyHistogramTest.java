package io.prescal.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

  @Test
  void mergedPercentilesEqualThoseOfAllValuesTogether() {
    // Two proxies with very different latency: averaging their p99s would give ~50 ms; the
    // merged histogram gives the true p99 of all requests.
    Histogram fast = LatencyHistogram.newHistogram();
    Histogram slow = LatencyHistogram.newHistogram();
    Histogram all = LatencyHistogram.newHistogram();
    Random random = new Random(42);
    for (int i = 0; i < 9_000; i++) {
      long v = 1_000 + random.nextInt(1_000);
      fast.recordValue(v);
      all.recordValue(v);
    }
    for (int i = 0; i < 1_000; i++) {
      long v = 90_000 + random.nextInt(20_000);
      slow.recordValue(v);
      all.recordValue(v);
    }
    LatencyHistogram wireFast = LatencyHistogram.decode(LatencyHistogram.of(fast).encode());
    LatencyHistogram wireSlow = LatencyHistogram.decode(LatencyHistogram.of(slow).encode());
    LatencyHistogram merged = wireFast.merge(wireSlow);

    assertThat(merged.count()).isEqualTo(10_000);
    for (double p : new double[] {50, 90, 95, 99, 99.9}) {
      assertThat(merged.percentileMicros(p)).as("p%s", p).isEqualTo(all.getValueAtPercentile(p));
    }
    assertThat(merged.percentileMicros(50)).isBetween(1_400L, 1_600L);
    assertThat(merged.percentileMicros(99)).isGreaterThan(90_000L);
    assertThat(merged.maxMicros()).isEqualTo(all.getMaxValue());
  }

  @Test
  void emptyEncodesToEmptyStringAndMergesAsIdentity() {
    LatencyHistogram one = LatencyHistogram.of(histogramOf(5_000));
    assertThat(LatencyHistogram.empty().encode()).isEmpty();
    assertThat(LatencyHistogram.decode("")).isEqualTo(LatencyHistogram.empty());
    assertThat(one.merge(LatencyHistogram.empty())).isEqualTo(one);
    assertThat(LatencyHistogram.empty().merge(one)).isEqualTo(one);
    assertThat(LatencyHistogram.empty().percentileMicros(99)).isZero();
  }

  @Test
  void frozenCopyIgnoresLaterRecording() {
    Histogram live = histogramOf(5_000);
    LatencyHistogram frozen = LatencyHistogram.of(live);
    live.recordValue(9_000);
    assertThat(frozen.count()).isEqualTo(1);
  }

  @Test
  void garbageIsRefusedWithAClearMessage() {
    assertThatThrownBy(() -> LatencyHistogram.decode("!!not base64!!"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("latency: not a Base64 compressed HdrHistogram");
    assertThatThrownBy(() -> LatencyHistogram.decode("aGVsbG8gd29ybGQ="))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Histogram histogramOf(long... values) {
    Histogram h = LatencyHistogram.newHistogram();
    for (long v : values) {
      h.recordValue(v);
    }
    return h;
  }
}
