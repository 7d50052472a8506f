package io.prescal.traffic.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.prescal.common.Channels;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.ProxyStopping;
import io.prescal.common.redis.RedisAccess;
import io.prescal.testing.RedisSentinels;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code --events redis-sentinel://...}: the watcher subscribes through real Sentinels (master,
 * replica, three Sentinels on loopback), follows the failover when the master is killed, and counts
 * the loss so that the run's report says events may be missing.
 */
class SentinelEventsIT {

  private static final EventCodec CODEC = new EventCodec();

  @Test
  void theWatcherFollowsAFailoverAndSaysItLostTheSubscription() {
    try (RedisSentinels redis = RedisSentinels.start("prescal-main");
        EventWatcher watcher = EventWatcher.subscribe(RedisAccess.of(redis.uri(), null, null))) {
      publish(redis.firstMasterUri(), "before");
      await().atMost(Duration.ofSeconds(10)).until(() -> received(watcher, "before"));
      assertThat(watcher.lostNotice()).isEmpty();

      redis.killMaster();
      redis.awaitFailover();
      await()
          .atMost(Duration.ofSeconds(60))
          .until(
              () -> {
                publish(redis.replicaUri(), "after");
                return received(watcher, "after");
              });

      assertThat(watcher.lost()).isEqualTo(1);
      assertThat(watcher.lostNotice())
          .contains(
              "--events: the subscription to Redis was lost 1 time during the run (Redis"
                  + " restarted or failed over); events published meanwhile are missing from the"
                  + " timeline");
    }
  }

  private static boolean received(EventWatcher watcher, String reason) {
    return watcher.received().stream()
        .anyMatch(e -> e.data() instanceof ProxyStopping p && p.reason().equals(reason));
  }

  private static void publish(String uri, String reason) {
    RedisClient client = RedisClient.create(uri);
    try (var connection = client.connect()) {
      connection
          .sync()
          .publish(
              Channels.EVENTS,
              CODEC.encode(Envelope.of("proxy-1", null, new ProxyStopping(reason))));
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }
}
