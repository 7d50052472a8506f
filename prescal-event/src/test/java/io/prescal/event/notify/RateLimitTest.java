package io.prescal.event.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RateLimitTest {

  private static final long MINUTE = TimeUnit.MINUTES.toNanos(1);

  @Test
  void aBurstOfCountThenOnePerPeriodOverCount() {
    RateLimit limit = new RateLimit(3, MINUTE, 0);
    assertThat(limit.tryTake(0)).isZero();
    assertThat(limit.tryTake(0)).isZero();
    assertThat(limit.tryTake(0)).isZero();
    assertThat(limit.tryTake(0)).isEqualTo(MINUTE / 3);
    assertThat(limit.tryTake(MINUTE / 3)).isZero();
    assertThat(limit.tryTake(MINUTE / 3)).isEqualTo(MINUTE / 3);
  }

  @Test
  void aLongPauseRefillsNoMoreThanCount() {
    RateLimit limit = new RateLimit(2, MINUTE, 0);
    limit.tryTake(0);
    limit.tryTake(0);
    long later = 100 * MINUTE;
    assertThat(limit.tryTake(later)).isZero();
    assertThat(limit.tryTake(later)).isZero();
    assertThat(limit.tryTake(later)).isPositive();
  }
}
