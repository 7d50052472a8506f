package io.prescal.event.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.prescal.common.Channels;
import io.prescal.common.Keys;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.Envelope;
import io.prescal.event.ingest.ChannelIngest;
import io.prescal.event.ingest.ChannelSubscription;
import io.prescal.event.ingest.IngestQueue;
import io.prescal.event.store.EventLog;
import io.prescal.testing.RedisExtension;
import io.prescal.testing.RequiresDocker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The ingest path under load and loss, on a real Redis: a burst into a small ingest queue is
 * accounted for message by message (logged, or counted as dropped: never silently lost) and the log
 * keeps the publishing order; a subscription that Redis closes is counted and comes back.
 */
@RequiresDocker
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prescal.event.max-message-bytes=65536",
      "prescal.event.ingest.queue-bytes=65536",
      // One rule that never fires: no alert of the service's own is counted among the burst.
      "prescal.event.alerts[0].name=never",
      "prescal.event.alerts[0].kind=p99",
      "prescal.event.alerts[0].threshold=1000000000"
    })
class IngestIT {

  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final int BURST = 20_000;
  @RegisterExtension static final RedisExtension REDIS = new RedisExtension("event-ingest");

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.url", REDIS::uri);
  }

  @Value("${local.server.port}")
  int port;

  @Autowired ChannelIngest ingest;
  @Autowired IngestQueue queue;
  @Autowired EventLog log;
  @Autowired ChannelSubscription subscription;

  private final EventCodec codec = new EventCodec();

  @Test
  void aBurstIsLoggedOrCountedAsDroppedAndTheLogKeepsTheOrder() {
    long acceptedBefore = ingest.accepted(Channels.EVENTS);
    long droppedBefore = queue.dropped(Channels.EVENTS);
    try (RedisClient client = RedisClient.create(REDIS.uri());
        StatefulRedisConnection<String, String> c = client.connect()) {
      await()
          .atMost(WAIT)
          .until(() -> c.sync().pubsubNumsub(Channels.EVENTS).get(Channels.EVENTS) == 1);
      // As fast as one connection can: pipelined, flushed every thousand.
      c.setAutoFlushCommands(false);
      List<RedisFuture<Long>> sent = new ArrayList<>();
      for (int i = 0; i < BURST; i++) {
        Envelope e =
            Envelope.of("burst-proxy", "burst", new BackendReady("b-" + i, "127.0.0.1:9", i));
        sent.add(c.async().publish(Channels.EVENTS, codec.encode(e)));
        if (i % 1_000 == 999) {
          c.flushCommands();
        }
      }
      c.flushCommands();
      assertThat(LettuceFutures.awaitAll(30, TimeUnit.SECONDS, sent.toArray(new RedisFuture[0])))
          .isTrue();
      c.setAutoFlushCommands(true);

      await()
          .atMost(WAIT)
          .until(
              () ->
                  ingest.accepted(Channels.EVENTS)
                      - acceptedBefore
                      + queue.dropped(Channels.EVENTS)
                      - droppedBefore,
              n -> n == BURST);
      long dropped = queue.dropped(Channels.EVENTS) - droppedBefore;

      RedisCommands<String, String> r = c.sync();
      List<Long> logged =
          await()
              .atMost(WAIT)
              .pollInterval(Duration.ofSeconds(1)) // reading the whole stream is slow
              .until(() -> loggedStartupMillis(r), l -> l.size() == BURST - dropped);
      assertThat(logged).isSorted();
      assertThat(log.dropped()).isZero();
      assertThat(Http.get(port, "/actuator/prometheus").body())
          .contains(
              "prescal_event_messages_dropped_total{channel=\"prescal:events\",reason=\"queue-full\"}")
          .contains("prescal_event_ingest_pending ");
    }
  }

  /**
   * The {@code startupMillis} (the burst's sequence number) of the burst's log entries, in order.
   */
  private List<Long> loggedStartupMillis(RedisCommands<String, String> r) {
    return r.xrange(Keys.EVENT_LOG, io.lettuce.core.Range.create("-", "+")).stream()
        .map(m -> codec.decode(m.getBody().get(Keys.EVENT_LOG_FIELD)).event().orElseThrow())
        .filter(e -> "burst".equals(e.service()))
        .map(e -> (long) ((BackendReady) e.data()).startupMillis())
        .toList();
  }

  @Test
  void aSubscriptionRedisClosesIsCountedAndComesBack() {
    long lostBefore = subscription.lost();
    try (RedisClient client = RedisClient.create(REDIS.uri());
        StatefulRedisConnection<String, String> c = client.connect()) {
      RedisCommands<String, String> r = c.sync();
      await().atMost(WAIT).until(() -> r.pubsubNumsub(Channels.EVENTS).get(Channels.EVENTS) == 1);
      // What Redis does to a subscriber past client-output-buffer-limit pubsub.
      r.clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());

      await().atMost(WAIT).until(() -> subscription.lost() == lostBefore + 1);
      assertThat(Http.get(port, "/actuator/prometheus").body())
          .contains("prescal_event_subscription_lost_total " + (lostBefore + 1) + ".0");
      await().atMost(WAIT).until(() -> r.pubsubNumsub(Channels.EVENTS).get(Channels.EVENTS) == 1);
      Envelope after =
          Envelope.of("proxy-k", "after-kill", new BackendReady("k-1", "127.0.0.1:9", 1));
      r.publish(Channels.EVENTS, codec.encode(after));
      await()
          .atMost(WAIT)
          .until(() -> Http.get(port, "/api/events?service=after-kill").json().size() == 1);
    }
  }
}
