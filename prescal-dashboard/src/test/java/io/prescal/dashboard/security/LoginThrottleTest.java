package io.prescal.dashboard.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.dashboard.config.SecurityProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  /** A clock the test moves. */
  private static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-11-25T12:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }
  }

  private final TestClock clock = new TestClock();
  private final LoginThrottle throttle =
      new LoginThrottle(
          new SecurityProperties(
              Duration.ofMinutes(30), 3, Duration.ofMinutes(10), Duration.ofMinutes(5), 10),
          Set.of("ops", "viewer")::contains,
          clock);

  @Test
  void aUserIsLockedOutAfterTooManyFailuresFromAnyAddressesAndOnlyForTheLockout() {
    throttle.failed("ops", "10.0.0.1");
    throttle.failed("OPS", "10.0.0.2");
    assertThat(throttle.lockedFor("ops", "10.0.0.9")).isEmpty();
    throttle.failed("ops", "10.0.0.3");
    assertThat(throttle.lockedFor("ops", "10.0.0.9")).contains(Duration.ofMinutes(5));
    assertThat(throttle.lockedFor("Ops", null)).isPresent();
    // Another user from one of those addresses: each address failed once only.
    assertThat(throttle.lockedFor("viewer", "10.0.0.1")).isEmpty();
    clock.advance(Duration.ofMinutes(4));
    assertThat(throttle.lockedFor("ops", "10.0.0.9")).contains(Duration.ofMinutes(1));
    clock.advance(Duration.ofMinutes(1));
    assertThat(throttle.lockedFor("ops", "10.0.0.9")).isEmpty();
  }

  @Test
  void anAddressIsLockedOutAfterTooManyFailuresWhateverTheNames() {
    throttle.failed("ops", "10.0.0.1");
    throttle.failed("made-up", "10.0.0.1");
    throttle.failed("another", "10.0.0.1");
    assertThat(throttle.lockedFor("viewer", "10.0.0.1")).isPresent();
    assertThat(throttle.lockedFor("viewer", "10.0.0.2")).isEmpty();
    assertThat(throttle.lockedFor("ops", "10.0.0.2")).isEmpty();
  }

  @Test
  void failuresOlderThanTheWindowAreForgottenAndASuccessForgetsThemAll() {
    throttle.failed("ops", "10.0.0.1");
    throttle.failed("ops", "10.0.0.1");
    clock.advance(Duration.ofMinutes(11));
    throttle.failed("ops", "10.0.0.1");
    assertThat(throttle.lockedFor("ops", "10.0.0.1")).isEmpty();
    throttle.failed("ops", "10.0.0.1");
    throttle.succeeded("ops", "10.0.0.1");
    throttle.failed("ops", "10.0.0.1");
    assertThat(throttle.lockedFor("ops", "10.0.0.1")).isEmpty();
  }

  @Test
  void memoryIsBoundedWhateverNamesAndAddressesAreTried() {
    for (int i = 0; i < 100_000; i++) {
      throttle.failed("made-up-" + i, "10.1." + (i / 256) + "." + (i % 256));
    }
    assertThat(throttle.trackedAddresses()).isEqualTo(10);
    // Made-up names are never remembered: only the addresses count for them.
    assertThat(throttle.lockedFor("made-up-99999", "10.9.9.9")).isEmpty();
  }
}
