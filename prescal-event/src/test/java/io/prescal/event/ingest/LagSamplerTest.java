package io.prescal.event.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The lag sampler: one message per millisecond at most, every message when they are sparse. */
class LagSamplerTest {

  @Test
  void recordsOneLagPerMillisecondAndEveryLagOfSparseMessages() {
    Timer timer = new SimpleMeterRegistry().timer("lag");
    LagSampler sampler = new LagSampler(timer);
    Instant t = Instant.parse("2026-01-01T00:00:00Z");

    sampler.sample(t.minusMillis(30), t);
    sampler.sample(t.minusMillis(5), t.plusNanos(999_999)); // same millisecond: skipped
    sampler.sample(t.minusMillis(20), t.plusMillis(1));
    sampler.sample(t.plusMillis(12), t.plusMillis(2)); // sent "after" arrival: clock skew, abs

    assertThat(timer.count()).isEqualTo(3);
    assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(30 + 21 + 10);
    assertThat(timer.max(TimeUnit.MILLISECONDS)).isEqualTo(30);
  }
}
