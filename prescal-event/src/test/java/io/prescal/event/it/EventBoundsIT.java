package io.prescal.event.it;

import static io.prescal.event.it.FakeProxy.latencies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.micrometer.core.instrument.MeterRegistry;
import io.prescal.common.Channels;
import io.prescal.common.Keys;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.ColdStart;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ServiceMetrics;
import io.prescal.event.aggregate.Aggregator;
import io.prescal.event.store.HistoryStore;
import io.prescal.testing.RedisExtension;
import io.prescal.testing.RequiresDocker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
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
 * Names invented by whoever can publish on Redis cannot grow prescal-event: services and proxies
 * beyond the limits are ignored and counted, tracked ones are never pushed out, idle ones are
 * forgotten, and the set of services with history drops the names whose series expired.
 */
@RequiresDocker
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prescal.event.stale-after=1s",
      "prescal.event.forget-after=15s",
      "prescal.event.limits.max-services=3",
      "prescal.event.limits.max-proxies=2"
    })
class EventBoundsIT {

  private static final Duration WAIT = Duration.ofSeconds(40);
  @RegisterExtension static final RedisExtension REDIS = new RedisExtension("event-bounds");

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.url", REDIS::uri);
  }

  @Value("${local.server.port}")
  int port;

  @Autowired Aggregator aggregator;
  @Autowired MeterRegistry meters;
  @Autowired HistoryStore history;

  private final EventCodec codec = new EventCodec();

  private List<String> services() {
    List<String> names = new ArrayList<>();
    for (JsonNode service : Http.get(port, "/api/services").json()) {
      names.add(service.get("service").stringValue());
    }
    return names;
  }

  private double meter(String name) {
    return meters.get(name).meter().measure().iterator().next().getValue();
  }

  @Test
  void inventedNamesAreIgnoredBeyondTheLimitsAndForgottenWhenIdle() {
    String uri = REDIS.uri();
    try (FakeProxy web =
            new FakeProxy(
                uri, "proxy-a", "web", "web-1", new FakeProxy.Traffic(10, 0, latencies(10, 5)));
        RedisClient client = RedisClient.create(uri);
        StatefulRedisConnection<String, String> c = client.connect()) {
      await().atMost(WAIT).until(() -> services().contains("web"));
      RedisCommands<String, String> r = c.sync();

      // A forger: one snapshot naming 500 services, cold starts for 500 more, 20 proxy names.
      List<ServiceMetrics> forged =
          IntStream.range(0, 500)
              .mapToObj(i -> new ServiceMetrics("forged-" + i, 0, 0, 0, 0, null, List.of()))
              .toList();
      r.publish(
          Channels.METRICS,
          codec.encode(Envelope.of("forger", null, new MetricsSnapshot(1000, forged))));
      for (int i = 0; i < 500; i++) {
        r.publish(
            Channels.EVENTS,
            codec.encode(Envelope.of("forger", "cold-" + i, new ColdStart("x", 1, 0))));
      }
      for (int i = 0; i < 20; i++) {
        r.publish(
            Channels.METRICS,
            codec.encode(Envelope.of("forger-" + i, null, new MetricsSnapshot(1000, List.of()))));
      }
      await().atMost(WAIT).until(() -> aggregator.bounds().servicesRefused() >= 498 + 500);
      await().atMost(WAIT).until(() -> aggregator.bounds().proxiesRefused() >= 20);
      assertThat(aggregator.bounds().services()).isEqualTo(3);
      assertThat(aggregator.bounds().proxies()).isEqualTo(2);
      assertThat(services()).contains("web").hasSize(3);
      assertThat(meter("prescal.event.services.tracked")).isEqualTo(3);
      assertThat(meter("prescal.event.services.limit")).isEqualTo(3);
      assertThat(meter("prescal.event.services.refused")).isGreaterThanOrEqualTo(998);
      assertThat(meter("prescal.event.proxies.refused")).isGreaterThanOrEqualTo(20);

      // The forger goes quiet: its names are forgotten, the real service stays.
      await()
          .atMost(WAIT)
          .until(
              () ->
                  aggregator.bounds().services() == 1
                      && aggregator.bounds().proxies() == 1
                      && services().equals(List.of("web")));
      assertThat(aggregator.bounds().servicesForgotten()).isEqualTo(2);
      assertThat(meter("prescal.event.services.forgotten")).isEqualTo(2);

      // History: a name whose series expired leaves the set, one with history stays.
      await().atMost(WAIT).until(() -> r.exists(Keys.history("web", Keys.Resolution.SECOND)) == 1);
      r.sadd(Keys.HISTORY_SERVICES, "expired-a", "expired-b");
      assertThat(history.pruneServices()).isGreaterThanOrEqualTo(2);
      assertThat(r.smembers(Keys.HISTORY_SERVICES))
          .contains("web")
          .doesNotContain("expired-a", "expired-b");
    }
  }
}
