package io.prescal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.Channels;
import io.prescal.common.codec.CommandSigner;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.ScaleCommand;
import io.prescal.dashboard.testing.DemoData;
import io.prescal.testing.Browser;
import io.prescal.testing.ChannelRecorder;
import io.prescal.testing.RequiresDocker;
import io.prescal.testing.RestartableRedis;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real dashboard (Spring Boot on a random port, production-mode Vaadin) against a real Redis in
 * a container, driven by headless Chromium. Saves a screenshot of every view under
 * target/screenshots.
 */
@RequiresDocker
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prescal.dashboard.users.ops.password=ops-password",
      "prescal.dashboard.users.ops.role=operator",
      "prescal.dashboard.users.viewer.password=viewer-password",
      "prescal.dashboard.users.viewer.role=viewer",
      "prescal.commands.secret=" + DashboardBrowserIT.SECRET,
      "prescal.commands.answer-timeout=30s"
    })
@TestMethodOrder(OrderAnnotation.class)
class DashboardBrowserIT {

  static final String SECRET = "browser-test-secret-0123456789";

  @RegisterExtension static final RestartableRedis REDIS = new RestartableRedis("dashboard");

  @LocalServerPort int port;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.url", REDIS::uri);
  }

  private Browser browser(int height) {
    return new Browser("http://127.0.0.1:" + port + "/", 1440, height);
  }

  private static By text(String text) {
    return By.xpath("//*[contains(text(), \"" + text + "\")]");
  }

  @Test
  @Order(1)
  void loginWorksAndAWrongPasswordDoesNot() {
    try (Browser browser = browser(900)) {
      assertThat(browser.login("ops", "not-the-password")).isFalse();
      assertThat(browser.hasLoginError()).isTrue();
      browser.screenshot("login-error");
      assertThat(browser.login("ops", "ops-password")).isTrue();
      assertThat(browser.waitFor(By.id("role")).getText()).isEqualTo("operator");
    }
    try (Browser browser = browser(900)) {
      browser.open("events");
      // Not logged in: sent to the login view.
      browser.waitFor(By.cssSelector("vaadin-login-form"));
      browser.screenshot("login");
    }
  }

  @Test
  @Order(2)
  void overviewNumbersChangeWhenAStateMessageArrives() {
    try (DemoData demo = new DemoData(REDIS.uri());
        Browser browser = browser(1000)) {
      demo.writeAll(Instant.now());
      assertThat(browser.login("viewer", "viewer-password")).isTrue();
      browser.waitFor(By.id("card-web-rate"));
      for (double rate : new double[] {1234, 4321}) {
        demo.publishState(DemoData.withWebRate(demo.state(Instant.now()), rate));
        String expected = String.format("%.0f req/s", rate);
        browser
            .wait(Duration.ofSeconds(5))
            .until(d -> d.findElement(By.id("card-web-rate")).getText().equals(expected));
      }
      // Garbage on the state channel is skipped: the figures stay, the view keeps working.
      demo.publishRaw(Channels.STATE, "{\"schema\":\"1.0\",\"type\":\"state\",\"data\":42}");
      demo.publishRaw(Channels.STATE, "\u0000\u0001 not json");
      demo.publishState(DemoData.withWebRate(demo.state(Instant.now()), 777));
      browser
          .wait(Duration.ofSeconds(5))
          .until(d -> d.findElement(By.id("card-web-rate")).getText().equals("777 req/s"));
    }
  }

  @Test
  @Order(3)
  void aNewEventAppearsInTheLogWithinTwoSeconds() {
    try (DemoData demo = new DemoData(REDIS.uri());
        Browser browser = browser(1000)) {
      assertThat(browser.login("viewer", "viewer-password")).isTrue();
      browser.open("events");
      // Backfilled from the stream on open.
      browser.waitFor(text("5 consecutive 5xx responses"));
      demo.publishRaw(Channels.EVENTS, "garbage that must never show");
      String backend = "web-it" + System.nanoTime() % 100_000;
      demo.publishEvent(
          Envelope.of("proxy-1", "web", new BackendReady(backend, "127.0.0.1:40000", 1234)));
      browser
          .wait(Duration.ofSeconds(2))
          .until(d -> !d.findElements(text(backend + " ready after 1.23 s")).isEmpty());
      assertThat(browser.driver().findElements(text("garbage that must never show"))).isEmpty();
    }
  }

  @Test
  @Order(4)
  void anOperatorSendsASignedCommandAndAViewerCannot() throws Exception {
    EventCodec codec = new EventCodec();
    try (ChannelRecorder<ChannelRecorder.Message> commands =
            ChannelRecorder.raw(REDIS.uri(), Channels.COMMANDS);
        DemoData demo = new DemoData(REDIS.uri())) {
      demo.publishState(demo.state(Instant.now()));

      try (Browser ops = browser(1100)) {
        assertThat(ops.login("ops", "ops-password")).isTrue();
        ops.open("service/web");
        WebElement replicas = ops.waitFor(By.cssSelector("#replicas input"));
        replicas.sendKeys(
            org.openqa.selenium.Keys.chord(org.openqa.selenium.Keys.CONTROL, "a"), "5");
        ops.waitFor(By.id("scale")).click();
        ops.waitFor(By.cssSelector("vaadin-button[slot='confirm-button']")).click();

        String wire = commands.await(m -> true, Duration.ofSeconds(10)).text();
        Envelope command = codec.decode(wire).event().orElseThrow();
        assertThat(command.type()).isEqualTo("command.scale");
        assertThat(command.service()).isEqualTo("web");
        assertThat(command.data()).isEqualTo(new ScaleCommand(5, "ops"));
        assertThat(new CommandSigner(SECRET, codec).verify(command)).isTrue();

        // The proxy's answer shows as the result, matched by commandId.
        demo.publishEvent(
            Envelope.of(
                "proxy-1",
                "web",
                new CommandAccepted(command.id(), "command.scale", "web fixed at 5 replicas")));
        ops.wait(Duration.ofSeconds(5))
            .until(d -> !d.findElements(text("web fixed at 5 replicas")).isEmpty());
        ops.screenshot("service-detail-operator");
      }

      try (Browser viewer = browser(1000)) {
        assertThat(viewer.login("viewer", "viewer-password")).isTrue();
        viewer.open("service/web");
        viewer.waitFor(By.id("controls-readonly"));
        viewer.waitFor(By.id("backend-grid"));
        assertThat(viewer.driver().findElements(By.id("scale"))).isEmpty();
        assertThat(viewer.driver().findElements(By.cssSelector("[id^='drain-']"))).isEmpty();
        viewer.screenshot("service-detail-viewer");
      }
      await("nothing more sent on prescal:commands")
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> commands.all().size() == 1);
    }
  }

  @Test
  @Order(5)
  void manyTabsShareOneRedisSubscription() {
    try (DemoData demo = new DemoData(REDIS.uri());
        Browser a = browser(800);
        Browser b = browser(800)) {
      assertThat(a.login("viewer", "viewer-password")).isTrue();
      assertThat(b.login("ops", "ops-password")).isTrue();
      a.waitFor(By.id("summary"));
      b.waitFor(By.id("summary"));
      var counts = demo.redis().pubsubNumsub(Channels.STATE, Channels.EVENTS);
      assertThat(counts.get(Channels.STATE)).isEqualTo(1L);
      assertThat(counts.get(Channels.EVENTS)).isEqualTo(1L);
    }
  }

  @Test
  @Order(6)
  void everyViewLooksRightWithLiveData() throws Exception {
    try (DemoData demo = new DemoData(REDIS.uri())) {
      demo.writeAll(Instant.now());
      try (LiveTicker ticker = new LiveTicker(demo)) {
        try (Browser browser = browser(1560)) {
          assertThat(browser.login("ops", "ops-password")).isTrue();
          browser.waitFor(By.id("card-api-rate"));
          browser.waitFor(By.cssSelector(".time-chart canvas"));
          Thread.sleep(2500);
          browser.screenshot("overview");
        }
        try (Browser browser = browser(1000)) {
          assertThat(browser.login("ops", "ops-password")).isTrue();
          browser.open("scaling");
          assertThat(browser.waitFor(By.cssSelector(".decision")).getText()).contains("replicas");
          browser.screenshot("scaling");
          browser.open("alerts");
          browser.waitFor(text("a backend is ejected"));
          browser.screenshot("alerts");
          browser.open("events");
          browser.waitFor(text("5 consecutive 5xx responses"));
          Thread.sleep(1500);
          browser.screenshot("events");
          browser.open("service/api");
          browser.waitFor(text("api-9d11"));
          Thread.sleep(1000);
          browser.screenshot("service-detail");
        }
      }
    }
  }

  @Test
  @Order(7)
  void redisDownBannerAppearsAndGoesAndDataFlowsAgain() {
    try (Browser browser = browser(1000)) {
      try (DemoData demo = new DemoData(REDIS.uri())) {
        demo.publishState(demo.state(Instant.now()));
        assertThat(browser.login("viewer", "viewer-password")).isTrue();
        browser.waitFor(By.id("card-web-rate"));
      }
      REDIS.stop();
      // The banner may first say the state is late; within seconds it names the outage.
      browser
          .wait(Duration.ofSeconds(10))
          .until(
              d ->
                  d.findElement(By.id("status-banner"))
                      .getText()
                      .contains("Redis unreachable at redis://127.0.0.1:" + REDIS.port()));
      browser
          .wait(Duration.ofSeconds(5))
          .until(d -> !d.findElements(By.cssSelector(".service-card.stale")).isEmpty());
      browser.screenshot("redis-down");

      REDIS.start();
      try (DemoData demo = new DemoData(REDIS.uri())) {
        // The subscription comes back by itself: a state published after the restart shows.
        browser
            .wait(Duration.ofSeconds(30))
            .until(
                d -> {
                  demo.publishState(DemoData.withWebRate(demo.state(Instant.now()), 2468));
                  return d.findElement(By.id("card-web-rate")).getText().equals("2468 req/s");
                });
        browser
            .wait(Duration.ofSeconds(10))
            .until(d -> !d.findElement(By.id("status-banner")).isDisplayed());
      }
    }
  }

  /** Publishes the demo state once a second and appends history, as prescal-event would. */
  private static final class LiveTicker implements AutoCloseable {
    private final java.util.concurrent.ScheduledExecutorService timer =
        java.util.concurrent.Executors.newSingleThreadScheduledExecutor();

    LiveTicker(DemoData demo) {
      timer.scheduleAtFixedRate(
          () -> {
            try {
              demo.publishState(demo.state(Instant.now()));
            } catch (RuntimeException e) {
              // Redis may be away in a test; the next tick tries again.
            }
          },
          0,
          1,
          TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      timer.shutdownNow();
    }
  }
}
