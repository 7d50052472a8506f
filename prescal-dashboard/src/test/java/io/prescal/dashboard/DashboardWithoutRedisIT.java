package io.prescal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.dashboard.live.LiveSubscription;
import io.prescal.dashboard.testing.DemoData;
import io.prescal.testing.Browser;
import io.prescal.testing.RedisProcess;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard started while no Redis answers (a real {@code redis-server} started only later, on
 * the port the dashboard was given): it starts, serves the login, shows its Redis-down banner, and
 * subscribes once Redis comes, without a restart. Redis is named as a Spring Boot user would, with
 * {@code spring.data.redis.port} and {@code .password} only: they win over the file's {@code
 * PRESCAL_REDIS_URL} default.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prescal.dashboard.users.viewer.password=viewer-password",
      "prescal.dashboard.users.viewer.role=viewer"
    })
class DashboardWithoutRedisIT {

  static final String PASSWORD = "dashboard-flag-pw";
  static final RedisProcess REDIS = RedisProcess.server("--requirepass", PASSWORD);

  @LocalServerPort int port;

  @Autowired LiveSubscription subscription;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("spring.data.redis.port", REDIS::port);
    registry.add("spring.data.redis.password", () -> PASSWORD);
  }

  @AfterAll
  static void stopRedis() {
    REDIS.close();
  }

  @Test
  void startsWithoutRedisShowsTheBannerAndSubscribesWhenRedisComes() {
    try (Browser browser = new Browser("http://127.0.0.1:" + port + "/", 1440, 900)) {
      assertThat(browser.login("viewer", "viewer-password")).isTrue();
      browser
          .wait(Duration.ofSeconds(15))
          .until(
              d ->
                  d.findElement(By.id("status-banner"))
                      .getText()
                      .contains("Redis unreachable at redis://localhost:" + REDIS.port()));
      browser.screenshot("started-without-redis");
      assertThat(subscription.running()).isFalse();

      REDIS.start();
      try (DemoData demo = new DemoData("redis://:" + PASSWORD + "@127.0.0.1:" + REDIS.port())) {
        // Subscribed within seconds of Redis answering: a state published then shows.
        browser
            .wait(Duration.ofSeconds(30))
            .until(
                d -> {
                  demo.publishState(DemoData.withWebRate(demo.state(Instant.now()), 1357));
                  return !d.findElements(By.id("card-web-rate")).isEmpty()
                      && d.findElement(By.id("card-web-rate")).getText().equals("1357 req/s");
                });
        browser
            .wait(Duration.ofSeconds(10))
            .until(d -> !d.findElement(By.id("status-banner")).isDisplayed());
      }
      assertThat(subscription.running()).isTrue();
    }
  }
}
