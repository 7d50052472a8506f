package io.prescal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.dashboard.testing.DemoData;
import io.prescal.testing.Browser;
import io.prescal.testing.RedisSentinels;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard on a {@code redis-sentinel://} address through a failover, as a person sees it in
 * Chromium: real master, replica and three Sentinels on loopback; the master is killed; the
 * Redis-down banner appears while no master answers, live data flows again from the promoted
 * replica, and the banner goes, without a restart.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prescal.dashboard.users.viewer.password=viewer-password",
      "prescal.dashboard.users.viewer.role=viewer"
    })
class DashboardSentinelIT {

  static final RedisSentinels REDIS = RedisSentinels.start("prescal-main");

  @LocalServerPort int port;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("prescal.redis.url", REDIS::uri);
  }

  @AfterAll
  static void stopRedis() {
    REDIS.close();
  }

  @Test
  void theDashboardFollowsAFailover() {
    try (Browser browser = new Browser("http://127.0.0.1:" + port + "/", 1440, 900)) {
      assertThat(browser.login("viewer", "viewer-password")).isTrue();
      showsRate(browser, REDIS.firstMasterUri(), 1111);

      REDIS.killMaster();
      browser
          .wait(Duration.ofSeconds(15))
          .until(
              d ->
                  d.findElement(By.id("status-banner"))
                      .getText()
                      .contains("Redis unreachable at redis-sentinel://127.0.0.1:"));
      browser.screenshot("sentinel-failover");
      REDIS.awaitFailover();

      showsRate(browser, REDIS.replicaUri(), 2222);
      browser
          .wait(Duration.ofSeconds(15))
          .until(d -> !d.findElement(By.id("status-banner")).isDisplayed());
    }
  }

  /** Publishes states on {@code uri} until the overview shows {@code rate}. */
  private static void showsRate(Browser browser, String uri, double rate) {
    try (DemoData demo = new DemoData(uri)) {
      String expected = String.format("%.0f req/s", rate);
      browser
          .wait(Duration.ofSeconds(60))
          .until(
              d -> {
                demo.publishState(DemoData.withWebRate(demo.state(Instant.now()), rate));
                return !d.findElements(By.id("card-web-rate")).isEmpty()
                    && d.findElement(By.id("card-web-rate")).getText().equals(expected);
              });
    }
  }
}
