package io.prescal.dashboard.live;

import io.prescal.dashboard.config.DashboardProperties;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Probes Redis once a second and tells the {@link LiveFeed} how fresh the data is, so every UI can
 * show a banner within a second of an outage and drop it within a second of recovery. Reconnecting
 * is Lettuce's job; besides watching, this only starts the {@link LiveSubscription} once Redis
 * first answers (the dashboard may have started before Redis).
 */
public final class RedisLink {

  private static final Logger LOG = LoggerFactory.getLogger(RedisLink.class);

  private final StringRedisTemplate redis;
  private final LiveSubscription subscription;
  private final LiveFeed feed;
  private final DashboardProperties properties;
  private final Clock clock;
  private final String address;
  private Instant downSince;

  public RedisLink(
      StringRedisTemplate redis,
      LiveSubscription subscription,
      LiveFeed feed,
      DashboardProperties properties,
      Clock clock,
      String address) {
    this.redis = redis;
    this.subscription = subscription;
    this.feed = feed;
    this.properties = properties;
    this.clock = clock;
    this.address = address;
  }

  /** Probes Redis and publishes the status: called once a second. */
  @Scheduled(fixedDelay = 1000, initialDelay = 200)
  public void probe() {
    String problem = "";
    try {
      redis.execute((RedisCallback<String>) connection -> connection.ping());
    } catch (RuntimeException e) {
      problem = describe(e);
    }
    Instant now = clock.instant();
    boolean up = problem.isEmpty();
    if (up) {
      subscription.startIfNeeded();
    }
    if (!up && downSince == null) {
      downSince = now;
      LOG.warn(
          "Redis at {} unreachable ({}); figures are stale until it answers", address, problem);
    } else if (up && downSince != null) {
      LOG.info(
          "Redis at {} answers again after {}",
          address,
          java.time.Duration.between(downSince, now));
      downSince = null;
    }
    Instant lastState = feed.latest().map(LiveFeed.LatestState::receivedAt).orElse(null);
    feed.publishStatus(
        new FeedStatus(now, up, address, problem, downSince, lastState, properties.staleAfter()));
  }

  /** The innermost message of {@code e}, which names the actual network problem. */
  static String describe(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage();
    return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
  }
}
