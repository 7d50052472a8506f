package io.prescal.event.it;

import static io.prescal.event.it.FakeProxy.latencies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleInputs;
import io.prescal.common.event.ScaleMode;
import io.prescal.event.notify.Receiver;
import io.prescal.testing.RedisExtension;
import io.prescal.testing.RequiresDocker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Notifications from real events through a real Redis to real receivers on loopback: scale
 * decisions from a proxy's publisher (changes only) in the JSON body, an alert this service raises
 * in the Slack body, and receivers that hang or are down, which cost their own queue and never the
 * ingestion of events.
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
      "prescal.event.alerts[0].severity=critical",
      "prescal.event.api-token=" + NotifyIT.TOKEN
    })
class NotifyIT {

  static final String TOKEN = "notify-it-token-0123456789";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  @RegisterExtension static final RedisExtension REDIS = new RedisExtension("notify-it");

  static final Receiver CHANGES = receiver();
  static final Receiver SLACK = receiver();
  static final Receiver STUCK = receiver().hang();
  static final String DOWN_URL = downUrl();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.url", REDIS::uri);
    // A list binds from one property source only: the whole list is here.
    webhook(registry, 0, "changes", CHANGES.url(), "format=json", "events=scale-changes");
    webhook(registry, 1, "slack", SLACK.url(), "format=slack", "events=alerts");
    webhook(
        registry,
        2,
        "stuck",
        STUCK.url(),
        "events=scale-decisions",
        "timeout=1m",
        "retries=0",
        "queue-size=2");
    webhook(
        registry,
        3,
        "down",
        DOWN_URL,
        "events=scale-decisions",
        "retries=10",
        "backoff=1s",
        "queue-size=5");
  }

  private static void webhook(
      DynamicPropertyRegistry registry, int index, String name, String url, String... settings) {
    String prefix = "prescal.notify.webhooks[" + index + "].";
    registry.add(prefix + "name", () -> name);
    registry.add(prefix + "url", () -> url);
    for (String setting : settings) {
      String[] kv = setting.split("=", 2);
      registry.add(prefix + kv[0], () -> kv[1]);
    }
  }

  @AfterAll
  static void closeReceivers() {
    CHANGES.close();
    SLACK.close();
    STUCK.close();
  }

  @Value("${local.server.port}")
  int port;

  @Test
  void aProxysScaleChangeReachesTheJsonWebhookAndAStayDoesNot() throws Exception {
    try (FakeProxy proxy =
        new FakeProxy(
            REDIS.uri(),
            "proxy-n",
            "shop",
            "shop-1",
            new FakeProxy.Traffic(10, 0, latencies(10, 5)))) {
      proxy.pipeline.publish("shop", decision(2, 2, "stable: demand 1.9 fits 2 replicas"));
      proxy.pipeline.publish("shop", decision(2, 3, "stable: demand 2.6 needs 3 replicas"));

      await().atMost(WAIT).until(() -> !CHANGES.requests().isEmpty());
      // One worker handles a proxy's events in order: the stay came first and was not sent.
      assertThat(CHANGES.requests()).hasSize(1);
      JsonNode body = JSON.readTree(CHANGES.requests().getFirst().body());
      assertThat(body.get("text").stringValue())
          .isEqualTo("shop: scale from 2 to 3 (stable): stable: demand 2.6 needs 3 replicas");
      assertThat(body.get("event").get("source").stringValue()).isEqualTo("proxy-n");
      assertThat(body.get("event").get("data").get("desiredReplicas").asInt()).isEqualTo(3);
    }
  }

  @Test
  void anAlertThisServiceRaisesReachesTheSlackWebhook() throws Exception {
    try (FakeProxy proxy =
        new FakeProxy(
            REDIS.uri(),
            "proxy-s",
            "api",
            "api-1",
            new FakeProxy.Traffic(100, 50, latencies(100, 5)))) {
      await()
          .atMost(WAIT)
          .until(
              () ->
                  SLACK.requests().stream()
                      .anyMatch(r -> r.body().contains("alert raised: errors:api")));
      JsonNode raised =
          JSON.readTree(
              SLACK.requests().stream()
                  .filter(r -> r.body().contains("alert raised: errors:api"))
                  .findFirst()
                  .orElseThrow()
                  .body());
      assertThat(raised.get("text").stringValue())
          .startsWith("[critical] alert raised: errors:api: ");
      assertThat(raised.get("blocks").get(1).get("elements").get(0).get("text").stringValue())
          .startsWith("service api, from event, at ");

      proxy.traffic(new FakeProxy.Traffic(100, 0, latencies(100, 5)));
      await()
          .atMost(WAIT)
          .until(
              () ->
                  SLACK.requests().stream()
                      .anyMatch(r -> r.body().contains("alert cleared: errors:api")));
    }
  }

  @Test
  void receiversThatHangOrAreDownNeverStallIngestion() {
    int events = 60;
    // The other tests' decisions may be in these queues already: count from here.
    String before = Http.get(port, "/actuator/prometheus", TOKEN).body();
    try (FakeProxy proxy =
        new FakeProxy(
            REDIS.uri(),
            "proxy-f",
            "flood",
            "flood-1",
            new FakeProxy.Traffic(10, 0, latencies(10, 5)))) {
      for (int i = 0; i < events; i++) {
        proxy.pipeline.publish("flood", decision(1, 1, "stable: stay " + i));
      }
      // Every event is handled (logged, readable) while both receivers hold up their queues.
      await()
          .atMost(WAIT)
          .until(
              () ->
                  Http.get(port, "/api/events?service=flood&limit=1000", TOKEN).json().size()
                      == events);
    }
    String after = Http.get(port, "/actuator/prometheus", TOKEN).body();
    // The stuck one holds one in hand and two queued, the one that is down one and five: at most
    // that many of the flood were kept, the rest dropped and counted.
    assertThat(droppedQueueFull(after, "stuck") - droppedQueueFull(before, "stuck"))
        .isGreaterThanOrEqualTo(events - 3);
    assertThat(droppedQueueFull(after, "down") - droppedQueueFull(before, "down"))
        .isGreaterThanOrEqualTo(events - 6);
    assertThat(after).contains("prescal_event_notify_pending{webhook=\"stuck\"} 2.0");
    assertThat(STUCK.requests()).hasSize(1);
    JsonNode stuck =
        Http.get(port, "/actuator/health", TOKEN)
            .json()
            .get("components")
            .get("notify")
            .get("details")
            .get("stuck");
    assertThat(stuck.get("target").stringValue()).isEqualTo("http://127.0.0.1:" + STUCK.port());
    assertThat(stuck.get("droppedQueueFull").asLong()).isGreaterThanOrEqualTo(events - 3);
    assertThat(stuck.get("pending").asInt()).isEqualTo(2);
  }

  private static double droppedQueueFull(String metrics, String webhook) {
    String prefix =
        "prescal_event_notify_dropped_total{reason=\"queue-full\",webhook=\"" + webhook + "\"} ";
    return metrics
        .lines()
        .filter(l -> l.startsWith(prefix))
        .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length())))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + prefix + " in " + metrics));
  }

  private static ScaleDecision decision(int current, int desired, String reason) {
    return new ScaleDecision(
        current,
        current,
        desired,
        ScaleMode.STABLE,
        reason,
        new ScaleInputs(1.9, 1.9, 10, 10, 1, 60_000, 6_000, 2, 1, 5));
  }

  private static Receiver receiver() {
    try {
      return new Receiver();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A loopback URL where nothing listens: a receiver's port, after it closed. */
  private static String downUrl() {
    Receiver gone = receiver();
    gone.close();
    return gone.url();
  }
}
