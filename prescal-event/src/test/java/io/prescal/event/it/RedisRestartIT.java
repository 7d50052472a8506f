package io.prescal.event.it;

import static io.prescal.event.it.FakeProxy.latencies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.Channels;
import io.prescal.common.event.BackendFailed;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.StateSnapshot;
import io.prescal.proxy.events.RedisSettings;
import io.prescal.testing.EventRecorder;
import io.prescal.testing.RequiresDocker;
import io.prescal.testing.RestartableRedis;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Redis stops in the middle of the stream and comes back on the same port: the proxy-side publisher
 * drops its oldest messages and reports them, prescal-event resubscribes, logs what arrives and
 * publishes state again. Nothing crashes.
 */
@RequiresDocker
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "prescal.event.stale-after=30s")
class RedisRestartIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  // On a fixed host port, so that the restarted container is where the clients expect it.
  @RegisterExtension static final RestartableRedis REDIS = new RestartableRedis("event-restart");

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.url", REDIS::uri);
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void bothSidesReconnectAndResumeAndTheProxysDropsAreReported() {
    try (EventRecorder watch = new EventRecorder(REDIS.uri(), Channels.STATE);
        FakeProxy proxy =
            new FakeProxy(
                RedisSettings.of(REDIS.uri()).withInstanceId("proxy-r").withQueueCapacity(20),
                "svc-r",
                "r-1",
                new FakeProxy.Traffic(10, 0, latencies(10, 3)))) {
      await().atMost(WAIT).until(() -> !watch.matching(e -> mentions(e, "svc-r")).isEmpty());

      REDIS.stop();
      Instant down = Instant.now();
      for (int i = 1; i <= 50; i++) {
        proxy.pipeline.publish("svc-r", new BackendFailed("r-" + i, "test outage", null, false));
      }
      await().atMost(WAIT).until(() -> proxy.pipeline.stats().dropped() >= 30);
      assertThat(Http.get(port, "/actuator/health").status()).isEqualTo(503);

      REDIS.start();

      JsonNode recovered =
          await()
              .atMost(WAIT)
              .until(
                  () -> Http.get(port, "/api/events?type=publisher.recovered").json(),
                  j -> j.size() == 1)
              .get(0);
      assertThat(recovered.get("source").stringValue()).isEqualTo("proxy-r");
      assertThat(recovered.get("data").get("dropped").asLong()).isGreaterThanOrEqualTo(30);
      assertThat(recovered.get("data").get("outageMillis").asLong()).isPositive();

      // The newest of the events held during the outage made it to the log.
      await()
          .atMost(WAIT)
          .until(
              () -> Http.get(port, "/api/events?type=backend.failed&limit=1000").body(),
              body -> body.contains("\"r-50\""));
      await()
          .atMost(WAIT)
          .until(
              () -> !watch.matching(e -> e.time().isAfter(down) && mentions(e, "svc-r")).isEmpty());
      assertThat(Http.get(port, "/actuator/health").status()).isEqualTo(200);
    }
  }

  private static boolean mentions(Envelope e, String service) {
    return e.data() instanceof StateSnapshot s
        && s.services().stream().anyMatch(x -> x.service().equals(service) && !x.stale());
  }
}
