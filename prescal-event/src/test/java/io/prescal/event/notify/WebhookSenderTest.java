package io.prescal.event.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.AlertRaised;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleInputs;
import io.prescal.common.event.ScaleMode;
import io.prescal.common.event.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One webhook against a real receiver on loopback: bodies, retries, timeouts, limits, drops. */
class WebhookSenderTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final EventCodec codec = new EventCodec();
  private WebhookSender sender;

  @TempDir Path dir;

  @AfterEach
  void stop() {
    if (sender != null) {
      sender.stopWhenEmpty();
      sender.finish(Duration.ofMillis(100));
    }
  }

  @Test
  void theJsonBodyCarriesASummaryAndTheEnvelopeWithTheHeaders() throws Exception {
    Files.writeString(dir.resolve("token"), "Bearer s3cret-token\nignored second line\n");
    try (Receiver receiver = new Receiver()) {
      sender =
          start(
              webhook(receiver.url(), WebhookFormat.JSON)
                  .headers(Map.of("X-Team", "ops"))
                  .headerFiles(Map.of("Authorization", dir.resolve("token").toString())));
      sender.offer(scale("web", 2, 4, "panic: demand 9.1 is 3.0x capacity 3"));

      await().atMost(WAIT).until(() -> sender.sent() == 1);
      Receiver.Request request = receiver.requests().getFirst();
      assertThat(request.method()).isEqualTo("POST");
      assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
      assertThat(request.header("Authorization")).isEqualTo("Bearer s3cret-token");
      assertThat(request.header("X-Team")).isEqualTo("ops");
      JsonNode body = JSON.readTree(request.body());
      assertThat(body.get("text").stringValue())
          .isEqualTo("web: scale from 2 to 4 (panic): panic: demand 9.1 is 3.0x capacity 3");
      JsonNode event = body.get("event");
      assertThat(event.get("type").stringValue()).isEqualTo("scale.decision");
      assertThat(event.get("service").stringValue()).isEqualTo("web");
      assertThat(event.get("data").get("desiredReplicas").asInt()).isEqualTo(4);
      assertThat(event.get("data").get("inputs").get("max").asInt()).isEqualTo(10);
    }
  }

  @Test
  void theSlackBodyHasTextAndBlocksAndCannotMentionAChannel() throws Exception {
    try (Receiver receiver = new Receiver()) {
      sender = start(webhook(receiver.url(), WebhookFormat.SLACK));
      sender.offer(alert("web", "error rate 12% <!channel> &\nsecond line"));

      await().atMost(WAIT).until(() -> sender.sent() == 1);
      JsonNode body = JSON.readTree(receiver.requests().getFirst().body());
      String expected =
          "[critical] alert raised: error-rate:web: error rate 12% &lt;!channel&gt; &amp;"
              + " second line";
      assertThat(body.get("text").stringValue()).isEqualTo(expected);
      assertThat(body.get("blocks").get(0).get("type").stringValue()).isEqualTo("section");
      assertThat(body.get("blocks").get(0).get("text").get("type").stringValue())
          .isEqualTo("mrkdwn");
      assertThat(body.get("blocks").get(0).get("text").get("text").stringValue())
          .isEqualTo(expected);
      assertThat(body.get("blocks").get(1).get("elements").get(0).get("text").stringValue())
          .startsWith("service web, from event, at ");
    }
  }

  @Test
  void slackTextIsTheTextAlone() throws Exception {
    try (Receiver receiver = new Receiver()) {
      sender = start(webhook(receiver.url(), WebhookFormat.SLACK_TEXT));
      sender.offer(scale("web", 3, 1, "stable: demand 0.4"));

      await().atMost(WAIT).until(() -> sender.sent() == 1);
      JsonNode body = JSON.readTree(receiver.requests().getFirst().body());
      assertThat(body.propertyNames()).containsExactly("text");
      assertThat(body.get("text").stringValue())
          .isEqualTo("web: scale from 3 to 1 (stable): stable: demand 0.4");
    }
  }

  @Test
  void aServerErrorIsRetriedWithTheSameBody() throws Exception {
    try (Receiver receiver = new Receiver().answer(500, 503)) {
      sender = start(webhook(receiver.url(), WebhookFormat.JSON));
      sender.offer(scale("web", 1, 2, "up"));

      await().atMost(WAIT).until(() -> sender.sent() == 1);
      assertThat(receiver.requests()).hasSize(3);
      assertThat(receiver.requests().get(2).body()).isEqualTo(receiver.requests().get(0).body());
      assertThat(sender.retried()).isEqualTo(2);
      assertThat(sender.failed()).isZero();
      assertThat(sender.lastProblem()).isEqualTo("answered 503");
    }
  }

  @Test
  void aClientErrorIsNotRetriedAndRetriesEndInAFailure() throws Exception {
    try (Receiver receiver = new Receiver().answer(404, 500, 500, 500)) {
      sender = start(webhook(receiver.url(), WebhookFormat.JSON).retries(2));
      sender.offer(scale("web", 1, 2, "up"));
      await().atMost(WAIT).until(() -> sender.failed() == 1);
      assertThat(receiver.requests()).hasSize(1);

      sender.offer(scale("web", 2, 3, "up"));
      await().atMost(WAIT).until(() -> sender.failed() == 2);
      assertThat(receiver.requests()).hasSize(4);
      assertThat(sender.sent()).isZero();
      assertThat(sender.lastProblem()).isEqualTo("answered 500");
    }
  }

  @Test
  void aReceiverThatHangsTimesOut() throws Exception {
    try (Receiver receiver = new Receiver().hang()) {
      sender =
          start(
              webhook(receiver.url(), WebhookFormat.JSON)
                  .timeout(Duration.ofMillis(300))
                  .retries(1));
      sender.offer(scale("web", 1, 2, "up"));

      await().atMost(WAIT).until(() -> sender.failed() == 1);
      assertThat(receiver.requests()).hasSize(2);
      assertThat(sender.lastProblem()).isEqualTo("no answer within PT0.3S");
    }
  }

  @Test
  void aReceiverThatIsDownFailsAfterItsRetries() throws Exception {
    String url;
    try (Receiver receiver = new Receiver()) {
      url = receiver.url();
    }
    sender = start(webhook(url, WebhookFormat.JSON).retries(1));
    sender.offer(scale("web", 1, 2, "up"));

    await().atMost(WAIT).until(() -> sender.failed() == 1);
    assertThat(sender.retried()).isEqualTo(1);
    assertThat(sender.lastProblem()).isEqualTo("cannot connect");
  }

  @Test
  void theRateLimitHoldsTheRestInTheQueue() throws Exception {
    try (Receiver receiver = new Receiver()) {
      sender =
          start(
              webhook(receiver.url(), WebhookFormat.JSON)
                  .rateLimit(new NotifyProperties.RateLimitSettings(2, Duration.ofHours(1))));
      for (int i = 0; i < 5; i++) {
        sender.offer(scale("web", i, i + 1, "up"));
      }

      await().atMost(WAIT).until(() -> sender.sent() == 2 && sender.delayed() == 1);
      await()
          .during(Duration.ofSeconds(2))
          .atMost(WAIT)
          .until(() -> receiver.requests().size() == 2 && sender.pending() == 2);
    }
  }

  @Test
  void aFullQueueDropsNewNotificationsAndCountsThem() throws Exception {
    try (Receiver receiver = new Receiver().hang()) {
      sender = start(webhook(receiver.url(), WebhookFormat.JSON).queueSize(2).retries(0));
      sender.offer(scale("web", 0, 1, "up"));
      await().atMost(WAIT).until(() -> receiver.requests().size() == 1);

      for (int i = 0; i < 10; i++) {
        sender.offer(scale("web", i, i + 1, "up"));
      }
      assertThat(sender.pending()).isEqualTo(2);
      assertThat(sender.droppedQueueFull()).isEqualTo(8);

      // At shutdown, the one in hand and the two queued are counted as well.
      sender.stopWhenEmpty();
      sender.finish(Duration.ofMillis(200));
      assertThat(sender.droppedShutdown()).isEqualTo(3);
      sender = null;
    }
  }

  @Test
  void onlyTheChosenEventsAreQueued() throws Exception {
    try (Receiver receiver = new Receiver().hang()) {
      sender = new WebhookSender(webhook(receiver.url(), WebhookFormat.JSON).build(), codec);
      sender.offer(scale("web", 2, 2, "stable: stay"));
      sender.offer(scale("web", 2, 3, "up"));
      sender.offer(alert("web", "down"));
      assertThat(sender.pending()).isEqualTo(2);

      WebhookSender all =
          new WebhookSender(
              webhook(receiver.url(), WebhookFormat.JSON)
                  .events(Set.of(NotifyEvents.SCALE_DECISIONS))
                  .build(),
              codec);
      all.offer(scale("web", 2, 2, "stable: stay"));
      all.offer(scale("web", 2, 3, "up"));
      all.offer(alert("web", "down"));
      assertThat(all.pending()).isEqualTo(2);
      all.finish(Duration.ZERO);
      sender.finish(Duration.ZERO);
      sender = null;
    }
  }

  private WebhookSender start(WebhookBuilder builder) {
    WebhookSender s = new WebhookSender(builder.build(), codec);
    s.start();
    return s;
  }

  static WebhookBuilder webhook(String url, WebhookFormat format) {
    return new WebhookBuilder(url, format);
  }

  static Envelope scale(String service, int current, int desired, String reason) {
    ScaleInputs inputs = new ScaleInputs(1, 1, 1, 1, 1, 60_000, 6_000, 2, 0, 10);
    return Envelope.of(
        "proxy-1",
        service,
        new ScaleDecision(
            current,
            current,
            desired,
            reason.startsWith("panic") ? ScaleMode.PANIC : ScaleMode.STABLE,
            reason,
            inputs));
  }

  static Envelope alert(String service, String message) {
    return Envelope.of(
        "event",
        service,
        new AlertRaised("error-rate:" + service, "error-rate", Severity.CRITICAL, message, 12, 5));
  }

  /** A webhook's settings with short waits, changed one at a time. */
  static final class WebhookBuilder {
    private final Map<String, Object> v = new HashMap<>();

    WebhookBuilder(String url, WebhookFormat format) {
      v.put("url", url);
      v.put("format", format);
      v.put("events", Set.of(NotifyEvents.ALERTS, NotifyEvents.SCALE_CHANGES));
      v.put("timeout", Duration.ofSeconds(5));
      v.put("retries", 3);
      v.put("rateLimit", new NotifyProperties.RateLimitSettings(1000, Duration.ofSeconds(1)));
      v.put("queueSize", 100);
      v.put("headers", Map.of());
      v.put("headerFiles", Map.of());
    }

    WebhookBuilder headers(Map<String, String> h) {
      v.put("headers", h);
      return this;
    }

    WebhookBuilder headerFiles(Map<String, String> h) {
      v.put("headerFiles", h);
      return this;
    }

    WebhookBuilder timeout(Duration d) {
      v.put("timeout", d);
      return this;
    }

    WebhookBuilder retries(int n) {
      v.put("retries", n);
      return this;
    }

    WebhookBuilder rateLimit(NotifyProperties.RateLimitSettings r) {
      v.put("rateLimit", r);
      return this;
    }

    WebhookBuilder queueSize(int n) {
      v.put("queueSize", n);
      return this;
    }

    WebhookBuilder events(Set<NotifyEvents> e) {
      v.put("events", e);
      return this;
    }

    @SuppressWarnings("unchecked")
    NotifyProperties.Webhook build() {
      return new NotifyProperties.Webhook(
          "test",
          (String) v.get("url"),
          (WebhookFormat) v.get("format"),
          (Set<NotifyEvents>) v.get("events"),
          (Duration) v.get("timeout"),
          (int) v.get("retries"),
          Duration.ofMillis(50),
          Duration.ofMillis(200),
          (NotifyProperties.RateLimitSettings) v.get("rateLimit"),
          (int) v.get("queueSize"),
          (Map<String, String>) v.get("headers"),
          (Map<String, String>) v.get("headerFiles"));
    }
  }
}
