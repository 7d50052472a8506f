package io.prescal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.prescal.common.Keys;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.ScaleDecision;
import io.prescal.testing.Browser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import tools.jackson.databind.JsonNode;

/**
 * What a user checks after a ramp through a running system: it scaled out and back in, nothing
 * failed, and the decisions are in Redis, in prescal-event's API and on the dashboard.
 *
 * @param service the autoscaled service
 * @param redisUri Redis, on loopback
 * @param eventUrl prescal-event's base URL
 * @param dashboardUrl the dashboard's base URL (ending in /)
 * @param user a dashboard user
 * @param password its password
 */
record SystemChecks(
    String service,
    String redisUri,
    String eventUrl,
    String dashboardUrl,
    String user,
    String password) {

  /** The ramp's summary: every request answered 200, none failed (scale-in included). */
  void noRequestFailed(JsonNode ramp) {
    assertThat(ramp.get("completed").asLong()).as("responses").isGreaterThan(1000);
    assertThat(ramp.get("completed").asLong()).isEqualTo(ramp.get("requests").asLong());
    ramp.get("errors")
        .properties()
        .forEach(e -> assertThat(e.getValue().asLong()).as("errors: " + e.getKey()).isZero());
    ramp.get("statuses")
        .properties()
        .forEach(s -> assertThat(s.getKey()).as("status codes seen").isEqualTo("200"));
  }

  /** The scale decisions in the event log (Redis) went above one replica and back to one. */
  List<ScaleDecision> scaledOutAndBackInPerTheLog() {
    EventCodec codec = new EventCodec();
    List<ScaleDecision> decisions = new ArrayList<>();
    RedisClient client = RedisClient.create(redisUri);
    try (StatefulRedisConnection<String, String> redis = client.connect()) {
      redis
          .sync()
          .xrange(Keys.EVENT_LOG, io.lettuce.core.Range.create("-", "+"))
          .forEach(
              m ->
                  codec
                      .decode(m.getBody().get(Keys.EVENT_LOG_FIELD))
                      .event()
                      .filter(e -> service.equals(e.service()))
                      .filter(e -> e.data() instanceof ScaleDecision)
                      .ifPresent(e -> decisions.add((ScaleDecision) e.data())));
    } finally {
      client.shutdown();
    }
    int peak = decisions.stream().mapToInt(ScaleDecision::desiredReplicas).max().orElse(0);
    assertThat(peak).as("highest desired replicas in %s", decisions).isGreaterThan(1);
    int peakAt = 0;
    for (int i = 0; i < decisions.size(); i++) {
      if (decisions.get(i).desiredReplicas() == peak) {
        peakAt = i;
        break;
      }
    }
    assertThat(decisions.subList(peakAt, decisions.size()))
        .as("a scale-in after the peak")
        .anySatisfy(d -> assertThat(d.desiredReplicas()).isLessThan(peak));
    return decisions;
  }

  /** prescal-event's API lists the same decisions. */
  void decisionsInTheEventApi() {
    JsonNode events =
        Http.json(eventUrl + "/api/events?type=scale.decision&service=" + service + "&limit=500");
    assertThat(events.size()).as("scale.decision events in prescal-event's API").isGreaterThan(1);
  }

  /** The dashboard, in headless Chromium, shows the service and its scale decisions. */
  void dashboardShowsTheDecisions() {
    try (Browser browser = new Browser(dashboardUrl, 1440, 1000)) {
      assertThat(browser.login(user, password)).as("dashboard login as " + user).isTrue();
      browser.waitFor(By.id("card-" + service + "-rate"));
      browser.screenshot("e2e-overview");
      browser.open("scaling");
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> browser.driver().findElements(By.cssSelector(".decision")).size() > 1);
      WebElement first = browser.waitFor(By.cssSelector(".decision"));
      assertThat(first.getText()).contains(service);
      browser.screenshot("e2e-scaling");
    }
  }
}
