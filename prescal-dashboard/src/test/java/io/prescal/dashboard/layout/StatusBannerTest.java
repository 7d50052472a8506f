package io.prescal.dashboard.layout;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.dashboard.live.FeedStatus;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StatusBannerTest {

  private static final Instant NOW = Instant.parse("2026-11-25T12:00:10Z");
  private static final Duration STALE = Duration.ofSeconds(3);

  @Test
  void silentWhileRedisAnswersAndStateIsFresh() {
    FeedStatus fresh =
        new FeedStatus(NOW, true, "redis://r:6379", "", null, NOW.minusSeconds(1), STALE);
    assertThat(fresh.stale()).isFalse();
    assertThat(StatusBanner.text(fresh)).isEmpty();
  }

  @Test
  void redisDownNamesTheAddressAndTheProblem() {
    FeedStatus down =
        new FeedStatus(
            NOW,
            false,
            "redis://r:6379",
            "Connection refused",
            NOW.minusSeconds(4),
            NOW.minusSeconds(5),
            STALE);
    assertThat(down.stale()).isTrue();
    assertThat(StatusBanner.text(down))
        .startsWith("Redis unreachable at redis://r:6379")
        .contains("Connection refused")
        .contains("stale");
  }

  @Test
  void silentEventServiceIsToldApartFromRedisDown() {
    FeedStatus silent =
        new FeedStatus(NOW, true, "redis://r:6379", "", null, NOW.minusSeconds(12), STALE);
    assertThat(silent.stale()).isTrue();
    assertThat(StatusBanner.text(silent)).contains("No state from prescal-event for 12 s");
    FeedStatus never = new FeedStatus(NOW, true, "redis://r:6379", "", null, null, STALE);
    assertThat(StatusBanner.text(never)).contains("Waiting for the first state");
  }
}
