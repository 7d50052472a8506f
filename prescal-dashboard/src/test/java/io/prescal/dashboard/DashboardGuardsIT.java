package io.prescal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.BackendReady;
import io.prescal.common.event.Envelope;
import io.prescal.dashboard.testing.DemoData;
import io.prescal.testing.Browser;
import io.prescal.testing.RequiresDocker;
import io.prescal.testing.RestartableRedis;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The login guards of the real dashboard on a random port: failed logins throttled per user and per
 * client address (over real HTTP from several loopback addresses, and as a browser shows it), the
 * session cookie's {@code SameSite=Strict}, and sessions that end when their user is idle even
 * while the tab keeps sending heartbeats and receiving live data (headless Chromium).
 */
@RequiresDocker
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prescal.dashboard.users.ops.password=ops-password",
      "prescal.dashboard.users.ops.role=operator",
      "prescal.dashboard.users.viewer.password=viewer-password",
      "prescal.dashboard.users.viewer.role=viewer",
      "prescal.dashboard.users.carol.password=carol-password",
      "prescal.dashboard.security.session-timeout=6s",
      "prescal.dashboard.security.max-login-failures=3",
      "prescal.dashboard.security.login-lockout=8s",
      "prescal.dashboard.events-shown=10",
      // A heartbeat every second: an open tab must not keep an idle session alive.
      "vaadin.heartbeatInterval=1"
    })
@TestMethodOrder(OrderAnnotation.class)
class DashboardGuardsIT {

  @RegisterExtension static final RestartableRedis REDIS = new RestartableRedis("dashboard");

  @LocalServerPort int port;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.url", REDIS::uri);
  }

  /**
   * A client that connects from {@code source}, a loopback address, without following redirects.
   */
  private static HttpClient from(String source) throws IOException {
    return HttpClient.newBuilder()
        .localAddress(InetAddress.getByName(source))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** Posts the login form as the login view does; returns where it sends the browser. */
  private String login(String source, String user, String password) throws Exception {
    String form =
        "username="
            + URLEncoder.encode(user, StandardCharsets.UTF_8)
            + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    HttpResponse<String> response =
        from(source)
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("a redirect").isEqualTo(302);
    URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
    return location.getRawQuery() == null ? location.getPath() : "?" + location.getRawQuery();
  }

  /** The text a user sees, shadow roots included (Vaadin's login form draws inside one). */
  private static String visibleText(Browser browser) {
    return (String)
        browser
            .driver()
            .executeScript(
                """
                const texts = [];
                const walk = (node) => {
                  if (node.shadowRoot) walk(node.shadowRoot);
                  for (const child of node.childNodes) {
                    if (child.nodeType === Node.TEXT_NODE) texts.push(child.textContent);
                    else walk(child);
                  }
                };
                walk(document.body);
                return texts.join(' ');
                """);
  }

  @Test
  @Order(1)
  void theSessionCookieIsSameSiteStrictAndHttpOnly() throws Exception {
    HttpResponse<String> response =
        from("127.0.0.1")
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.headers().allValues("Set-Cookie"))
        .anySatisfy(
            cookie ->
                assertThat(cookie)
                    .startsWith("JSESSIONID=")
                    .contains("SameSite=Strict")
                    .contains("HttpOnly"));
  }

  @Test
  @Order(2)
  void anAddressWithTooManyFailuresIsRefusedEvenWithTheRightPasswordOthersAreNot()
      throws Exception {
    assertThat(login("127.0.0.10", "nobody", "x")).isEqualTo("?error");
    assertThat(login("127.0.0.10", "someone", "y")).isEqualTo("?error");
    assertThat(login("127.0.0.10", "viewer", "wrong")).isEqualTo("?error");
    assertThat(login("127.0.0.10", "viewer", "viewer-password")).matches("\\?locked=[1-8]");
    // The user is not locked: only one of those failures was theirs.
    assertThat(login("127.0.0.11", "viewer", "viewer-password")).isEqualTo("/");
  }

  @Test
  @Order(3)
  void aUserWithTooManyFailuresIsRefusedFromEveryAddressUntilTheLockoutEnds() throws Exception {
    assertThat(login("127.0.0.20", "ops", "guess-1")).isEqualTo("?error");
    assertThat(login("127.0.0.21", "OPS", "guess-2")).isEqualTo("?error");
    assertThat(login("127.0.0.22", "ops", "guess-3")).isEqualTo("?error");
    assertThat(login("127.0.0.23", "ops", "ops-password")).matches("\\?locked=[1-8]");
    // That address may still log in another user.
    assertThat(login("127.0.0.23", "viewer", "viewer-password")).isEqualTo("/");
    Thread.sleep(8_500);
    assertThat(login("127.0.0.23", "ops", "ops-password")).isEqualTo("/");
  }

  @Test
  @Order(4)
  void anIdleSessionEndsEvenWithHeartbeatsAndLiveDataWhileAnActiveOneStays() throws Exception {
    try (DemoData demo = new DemoData(REDIS.uri());
        Browser browser = new Browser("http://127.0.0.1:" + port + "/", 1280, 900)) {
      demo.writeAll(Instant.now());
      assertThat(browser.login("viewer", "viewer-password")).isTrue();
      browser.waitFor(By.id("summary"));
      // Active: a page every 2 s for 10 s, longer than the 6 s timeout.
      for (int i = 0; i < 5; i++) {
        Thread.sleep(2_000);
        browser.open(i % 2 == 0 ? "events" : "");
        browser.waitFor(By.id(i % 2 == 0 ? "event-grid" : "summary"));
      }
      // Idle: the tab is open, heartbeats go every second and state arrives every second.
      Instant idleUntil = Instant.now().plusSeconds(9);
      while (Instant.now().isBefore(idleUntil)) {
        demo.publishState(demo.state(Instant.now()));
        Thread.sleep(1_000);
      }
      browser.open("events");
      browser.waitFor(By.cssSelector("vaadin-login-form"));
      assertThat(browser.driver().getCurrentUrl()).contains("/login");
    }
  }

  @Test
  @Order(5)
  void whilePausedTheEventsViewHoldsAtMostItsCapacityAndSaysHowManyItDropped() {
    try (DemoData demo = new DemoData(REDIS.uri());
        Browser browser = new Browser("http://127.0.0.1:" + port + "/", 1280, 900)) {
      assertThat(browser.login("viewer", "viewer-password")).isTrue();
      browser.open("events");
      browser.waitFor(By.id("event-pause")).click();
      browser
          .wait(Duration.ofSeconds(5))
          .until(d -> d.findElement(By.id("event-pause")).getText().startsWith("Resume (0 new"));
      for (int i = 0; i < 30; i++) {
        demo.publishEvent(
            Envelope.of("proxy-1", "web", new BackendReady("paused-" + i, "127.0.0.1:1", 1)));
      }
      browser
          .wait(Duration.ofSeconds(5))
          .until(
              d ->
                  d.findElement(By.id("event-pause"))
                      .getText()
                      .equals("Resume (10 new, 20 dropped)"));
      assertThat(browser.driver().findElement(By.id("event-count")).getText())
          .endsWith("· paused · 20 dropped while paused");
      browser.screenshot("events-paused");
    }
  }

  @Test
  @Order(6)
  void aLockedOutUserIsToldWhenToTryAgain() {
    try (Browser browser = new Browser("http://127.0.0.1:" + port + "/", 1280, 900)) {
      for (int i = 0; i < 3; i++) {
        assertThat(browser.login("carol", "not-it-" + i)).isFalse();
      }
      assertThat(browser.login("carol", "carol-password")).isFalse();
      assertThat(browser.driver().getCurrentUrl()).contains("/login?locked=");
      browser
          .wait(Duration.ofSeconds(10))
          .until(d -> visibleText(browser).contains("Too many failed logins"));
      assertThat(visibleText(browser))
          .contains("Logins for this user or from this address are refused for now.")
          .containsPattern("Try again in [1-8] s\\.");
      browser.screenshot("login-locked");
    }
  }
}
