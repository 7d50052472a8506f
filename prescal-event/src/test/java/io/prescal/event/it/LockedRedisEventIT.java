package io.prescal.event.it;

import static io.prescal.event.it.FakeProxy.latencies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.Channels;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.StateSnapshot;
import io.prescal.proxy.events.RedisSettings;
import io.prescal.testing.EventRecorder;
import io.prescal.testing.LockedRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * prescal-event against a real Redis locked down as Prescal starts it, over TLS: it logs in as the
 * ACL user {@code event} with its password from a file, trusts the test's CA from a file, and does
 * everything it does (ingest, state, event log, history, alerts, health) with that user's rights.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"prescal.event.stale-after=2s", "prescal.event.forget-after=1m"})
class LockedRedisEventIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static LockedRedis redis;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) throws IOException, InterruptedException {
    redis = LockedRedis.start(Files.createTempDirectory("locked-redis-event"), true);
    registry.add("spring.data.redis.url", () -> redis.url("event"));
    registry.add("prescal.redis.password-file", () -> redis.passwordFile("event").toString());
    registry.add("prescal.redis.ca-file", () -> redis.caFile().toString());
  }

  @AfterAll
  static void stopRedis() throws InterruptedException {
    if (redis != null) {
      redis.close();
    }
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void theEventUserIsEnoughForEverythingPrescalEventDoes() {
    assertThat(redis.url("event")).startsWith("rediss://event@");
    RedisSettings proxy =
        RedisSettings.of(redis.url("proxy"))
            .withInstanceId("proxy-locked")
            .withPasswordFile(redis.passwordFile("proxy").toString())
            .withCaFile(redis.caFile().toString());
    try (EventRecorder watch =
            new EventRecorder(
                redis.urlWithPassword("observer") + "?verifyPeer=NONE", Channels.STATE);
        FakeProxy fake =
            new FakeProxy(
                proxy, "locked", "locked-1", new FakeProxy.Traffic(50, 0, latencies(50, 5)))) {
      fake.pipeline.publish("locked", new BackendReady("locked-1", "127.0.0.1:9", 7));

      await()
          .atMost(WAIT)
          .until(
              () ->
                  !watch
                      .matching(
                          e ->
                              e.data() instanceof StateSnapshot s
                                  && s.services().stream()
                                      .anyMatch(v -> v.service().equals("locked")))
                      .isEmpty());
      await()
          .atMost(WAIT)
          .until(
              () ->
                  Http.get(port, "/api/events?service=locked&type=backend.ready").json().size()
                      == 1);
      await()
          .atMost(WAIT)
          .until(
              () ->
                  Http.get(port, "/api/services/locked/history?step=1s").status() == 200
                      && Http.get(port, "/api/services/locked/history?step=1s")
                              .json()
                              .get("points")
                              .size()
                          >= 2);
      assertThat(Http.get(port, "/actuator/health").status()).isEqualTo(200);
    }
    // The proxy went quiet: prescal-event raises proxy-silent and publishes it on prescal:events.
    await()
        .atMost(WAIT)
        .until(
            () ->
                Http.get(port, "/api/events?type=alert.raised&limit=50")
                    .body()
                    .contains("proxy-locked"));
  }
}
