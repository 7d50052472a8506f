package io.prescal.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.prescal.common.codec.DecodeCounters;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.testing.EventSamples;
import io.prescal.testing.RedisExtension;
import io.prescal.testing.RequiresDocker;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract over a real Redis: what one side publishes, the other decodes, garbage skipped. */
@RequiresDocker
class RedisPubSubIT {

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension("common-pubsub");
  private static RedisClient client;

  @BeforeAll
  static void connect() {
    client = RedisClient.create(REDIS.uri());
  }

  @AfterAll
  static void disconnect() {
    if (client != null) {
      client.shutdown();
    }
  }

  @Test
  void everyEventTypeCrossesRedisAndGarbageIsCountedNotFatal() throws Exception {
    EventCodec codec = new EventCodec();
    DecodeCounters counters = new DecodeCounters("RedisPubSubIT");
    List<Envelope> received = new CopyOnWriteArrayList<>();
    int expected = EventType.values().length;
    CountDownLatch done = new CountDownLatch(1);

    try (StatefulRedisPubSubConnection<String, String> sub = client.connectPubSub();
        StatefulRedisConnection<String, String> pub = client.connect()) {
      sub.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              counters.accept(codec.decode(message)).ifPresent(received::add);
              if ("end".equals(message)) {
                done.countDown();
              }
            }
          });
      sub.sync().subscribe(Channels.EVENTS);

      pub.sync().publish(Channels.EVENTS, "{not json");
      for (EventType type : EventType.values()) {
        pub.sync().publish(Channels.EVENTS, codec.encode(EventSamples.envelope(type)));
        pub.sync().publish(Channels.EVENTS, "{\"schema\":\"1.0\",\"type\":\"from.the.future\"}");
      }
      pub.sync().publish(Channels.EVENTS, "end");

      assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(received).hasSize(expected);
    assertThat(received.get(0)).isEqualTo(EventSamples.envelope(EventType.values()[0]));
    assertThat(counters.byKind())
        .containsEntry("malformed.not_json", 2L) // "{not json" and "end"
        .containsEntry("skipped.unknown_type", (long) expected);
  }
}
