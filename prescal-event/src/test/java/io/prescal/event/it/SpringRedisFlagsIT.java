package io.prescal.event.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.event.EventApplication;
import io.prescal.testing.RedisProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Boot's own Redis flags reach prescal-event's connection and its health check: the service,
 * run as a user would with only {@code --spring.data.redis.port} and {@code .password}
 * (application.yml's address names another port), is UP against a password-protected {@code
 * redis-server}, and DOWN against the file's address without them.
 */
class SpringRedisFlagsIT {

  private static final String PASSWORD = "event-flag-pw";

  @Test
  void portAndPasswordFlagsWinOverTheFilesAddress() {
    try (RedisProcess redis = RedisProcess.server("--requirepass", PASSWORD).start();
        ConfigurableApplicationContext app =
            new SpringApplicationBuilder(EventApplication.class)
                .run(
                    "--server.port=0",
                    "--prescal.redis.url=redis://127.0.0.1:1",
                    "--spring.data.redis.port=" + redis.port(),
                    "--spring.data.redis.password=" + PASSWORD)) {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () -> assertThat(Http.get(port, "/actuator/health").status()).isEqualTo(200));
    }
  }

  @Test
  void withoutTheFlagsTheFilesAddressCounts() {
    try (ConfigurableApplicationContext app =
        new SpringApplicationBuilder(EventApplication.class)
            .run("--server.port=0", "--prescal.redis.url=redis://127.0.0.1:1")) {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      assertThat(Http.get(port, "/actuator/health").status()).isEqualTo(503);
    }
  }
}
