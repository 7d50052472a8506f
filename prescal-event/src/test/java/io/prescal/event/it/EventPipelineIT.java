package io.prescal.event.it;

import static io.prescal.event.it.FakeProxy.latencies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.prescal.common.Channels;
import io.prescal.common.Keys;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.AlertCleared;
import io.prescal.common.event.AlertRaised;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.common.event.ServiceState;
import io.prescal.common.event.StateSnapshot;
import io.prescal.common.history.HistoryPoint;
import io.prescal.event.ingest.ChannelIngest;
import io.prescal.testing.EventRecorder;
import io.prescal.testing.EventSamples;
import io.prescal.testing.RedisExtension;
import io.prescal.testing.RequiresDocker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The whole pipeline on a real Redis: real proxy-side publishers (two instances) feed the service;
 * events reach the log stream and the API, metrics become history and state with percentiles of the
 * merged histograms, garbage is counted and skipped, alerts raise and clear.
 */
@RequiresDocker
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prescal.event.stale-after=3s",
      "prescal.event.alerts[0].name=errors",
      "prescal.event.alerts[0].kind=error-rate",
      "prescal.event.alerts[0].threshold=20",
      "prescal.event.alerts[0].hold-for=1s",
      "prescal.event.alerts[0].severity=critical"
    })
class EventPipelineIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  @RegisterExtension static final RedisExtension REDIS = new RedisExtension("event-it");

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.url", REDIS::uri);
  }

  @Value("${local.server.port}")
  int port;

  @Autowired ChannelIngest ingest;

  private final EventCodec codec = new EventCodec();

  @Test
  void twoProxiesBecomeOneStateWithMergedPercentilesHistoryAndALoggedEvent() {
    String uri = REDIS.uri();
    try (EventRecorder watch = new EventRecorder(uri, Channels.STATE);
        FakeProxy a =
            new FakeProxy(
                uri,
                "proxy-a",
                "web",
                "web-1",
                new FakeProxy.Traffic(1000, 0, latencies(990, 10).merge(latencies(10, 1000))));
        FakeProxy b =
            new FakeProxy(
                uri,
                "proxy-b",
                "web",
                "web-2",
                new FakeProxy.Traffic(100, 0, latencies(100, 1000)))) {
      a.pipeline.publish("web", new BackendReady("web-1", "127.0.0.1:9", 42));

      Envelope state =
          await()
              .atMost(WAIT)
              .until(
                  () -> watch.matching(e -> web(e) != null && web(e).backends().size() == 2),
                  l -> !l.isEmpty())
              .getLast();
      assertThat(state.source()).isEqualTo("event");
      ServiceState web = web(state);
      // Merged: 110 of 1100 at 1 s, so p99 is 1 s; averaging the two proxies' p99 gives ~505 ms.
      assertThat(web.p99Millis()).isCloseTo(1000, within(10.0));
      assertThat(web.p50Millis()).isCloseTo(10, within(0.1));
      assertThat(web.requestRate()).isBetween(800.0, 1400.0);
      assertThat(web.readyReplicas()).isEqualTo(2);
      assertThat(((StateSnapshot) state.data()).proxies())
          .extracting(p -> p.source())
          .contains("proxy-a", "proxy-b");

      try (RedisClient client = RedisClient.create(uri);
          StatefulRedisConnection<String, String> c = client.connect()) {
        RedisCommands<String, String> r = c.sync();
        await()
            .atMost(WAIT)
            .until(
                () ->
                    r.xrange(Keys.EVENT_LOG, io.lettuce.core.Range.create("-", "+")).stream()
                        .anyMatch(m -> m.getBody().get(Keys.EVENT_LOG_FIELD).contains("web-1")));
        await().atMost(WAIT).until(() -> r.zcard(Keys.history("web", Keys.Resolution.SECOND)) >= 2);
        HistoryPoint point =
            codec.readPoint(
                r.zrange(Keys.history("web", Keys.Resolution.SECOND), -1, -1).getFirst());
        assertThat(point.p99Millis()).isCloseTo(1000, within(10.0));
        assertThat(point.time() % 1000).isZero();
        assertThat(r.smembers(Keys.HISTORY_SERVICES)).contains("web");
      }

      Http.Response events = Http.get(port, "/api/events?type=backend&service=web&limit=5");
      assertThat(events.status()).isEqualTo(200);
      JsonNode first = events.json().get(0);
      assertThat(first.get("type").stringValue()).isEqualTo("backend.ready");
      assertThat(first.get("source").stringValue()).isEqualTo("proxy-a");
      assertThat(first.get("data").get("startupMillis").asLong()).isEqualTo(42);

      JsonNode services = Http.get(port, "/api/services").json();
      assertThat(services.get(0).get("service").stringValue()).isEqualTo("web");
      assertThat(services.get(0).get("p99Millis").asDouble()).isCloseTo(1000, within(10.0));

      JsonNode history = Http.get(port, "/api/services/web/history?step=1s").json();
      assertThat(history.get("resolution").stringValue()).isEqualTo("1s");
      assertThat(history.get("points").size()).isGreaterThanOrEqualTo(2);

      assertThat(Http.get(port, "/api/services/nope/history").status()).isEqualTo(404);
      Http.Response bad = Http.get(port, "/api/services/web/history?step=fast");
      assertThat(bad.status()).isEqualTo(400);
      assertThat(bad.json().get("error").stringValue()).startsWith("step: \"fast\" (expected:");
    }
  }

  @Test
  void garbageOnBothChannelsIsCountedAndSkippedAndTheConsumerGoesOn() {
    String uri = REDIS.uri();
    try (RedisClient client = RedisClient.create(uri);
        StatefulRedisConnection<String, String> c = client.connect()) {
      RedisCommands<String, String> r = c.sync();
      String oversized = "{\"pad\":\"" + "x".repeat(1_100_000) + "\"}";
      for (String channel : List.of(Channels.EVENTS, Channels.METRICS)) {
        r.publish(channel, "{not json");
        r.publish(channel, "[1,2]");
        r.publish(channel, "{\"schema\":\"1.0\",\"type\":\"from.the.future\"}");
        r.publish(channel, "{\"schema\":\"2.0\",\"type\":\"backend.ready\"}");
        r.publish(channel, oversized);
      }
      Envelope valid = EventSamples.envelope(EventType.BACKEND_FAILED);
      Envelope fresh = Envelope.of("proxy-g", "garbage-test", valid.data());
      r.publish(Channels.EVENTS, codec.encode(fresh));

      await()
          .atMost(WAIT)
          .until(() -> Http.get(port, "/api/events?service=garbage-test").json().size() == 1);
    }
    for (String channel : List.of(Channels.EVENTS, Channels.METRICS)) {
      assertThat(ingest.rejectedByKind(channel))
          .containsEntry("malformed.not_json", 1L)
          .containsEntry("malformed.not_an_envelope", 1L)
          .containsEntry("skipped.unknown_type", 1L)
          .containsEntry("skipped.unsupported_version", 1L)
          .containsEntry("malformed.oversized", 1L);
    }
    String prometheus = Http.get(port, "/actuator/prometheus").body();
    assertThat(prometheus)
        .contains(
            "prescal_event_messages_rejected_total{channel=\"prescal:events\",kind=\"malformed.oversized\"} 1.0")
        .contains("prescal_event_messages_total{channel=\"prescal:metrics\"}")
        .contains("prescal_event_ingest_lag_seconds");
    JsonNode health = Http.get(port, "/actuator/health").json();
    assertThat(health.get("status").stringValue()).isEqualTo("UP");
    // Details (Redis, its address) only for holders of the API token: ApiTokenIT.
    assertThat(health.has("components")).as("health details shown to anyone").isFalse();
  }

  @Test
  void anErrorRateAlertIsRaisedAfterItsHoldAndClearedWhenErrorsStop() {
    String uri = REDIS.uri();
    try (EventRecorder watch = new EventRecorder(uri, Channels.EVENTS);
        FakeProxy proxy =
            new FakeProxy(
                uri,
                "proxy-e",
                "api",
                "api-1",
                new FakeProxy.Traffic(100, 50, latencies(100, 5)))) {
      Envelope raised =
          await()
              .atMost(WAIT)
              .until(
                  () ->
                      watch.matching(
                          e ->
                              e.data() instanceof AlertRaised a
                                  && a.alertId().equals("errors:api")),
                  l -> !l.isEmpty())
              .getFirst();
      AlertRaised alert = (AlertRaised) raised.data();
      assertThat(alert.value()).isCloseTo(0.5, within(0.01));
      assertThat(alert.threshold()).isEqualTo(0.2);
      assertThat(raised.service()).isEqualTo("api");
      await()
          .atMost(WAIT)
          .until(
              () -> Http.get(port, "/api/events?type=alert.raised&service=api").json().size() == 1);

      proxy.traffic(new FakeProxy.Traffic(100, 0, latencies(100, 5)));
      await()
          .atMost(WAIT)
          .until(
              () ->
                  !watch
                      .matching(
                          e ->
                              e.data() instanceof AlertCleared c
                                  && c.alertId().equals("errors:api"))
                      .isEmpty());
      await()
          .atMost(WAIT)
          .until(() -> Http.get(port, "/api/events?type=alert&service=api").json().size() == 2);
    }
  }

  private static ServiceState web(Envelope e) {
    return e.data() instanceof StateSnapshot s
        ? s.services().stream().filter(x -> x.service().equals("web")).findFirst().orElse(null)
        : null;
  }
}
