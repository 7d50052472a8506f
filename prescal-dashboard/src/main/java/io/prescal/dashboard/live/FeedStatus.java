package io.prescal.dashboard.live;

import java.time.Duration;
import java.time.Instant;

/**
 * How fresh the dashboard's data is, sent to every UI once a second.
 *
 * @param now when this status was taken
 * @param redisUp whether the last probe of Redis answered
 * @param redisAddress where Redis is, without credentials, for the banner
 * @param redisProblem why the last probe failed, empty when up
 * @param downSince when Redis stopped answering, null when up
 * @param lastStateAt when the last state message arrived, null before the first
 * @param staleAfter how old the state may be before it is stale
 */
public record FeedStatus(
    Instant now,
    boolean redisUp,
    String redisAddress,
    String redisProblem,
    Instant downSince,
    Instant lastStateAt,
    Duration staleAfter) {

  /** Whether the figures on screen may no longer be true. */
  public boolean stale() {
    return !redisUp || stateAge().compareTo(staleAfter) > 0;
  }

  /** How old the last state message is; very long before the first. */
  public Duration stateAge() {
    return lastStateAt == null ? Duration.ofDays(365) : Duration.between(lastStateAt, now).abs();
  }

  /** Whether Redis answers but prescal-event has been silent too long. */
  public boolean stateMissing() {
    return redisUp && stateAge().compareTo(staleAfter) > 0;
  }
}
