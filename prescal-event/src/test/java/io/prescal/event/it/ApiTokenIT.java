package io.prescal.event.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.testing.LockedRedis;
import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The read API with {@code prescal.event.api-token} set: nothing but the health status without the
 * token, everything with it, health details only with it.
 */
@DirtiesContext
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "prescal.event.api-token=" + ApiTokenIT.TOKEN)
class ApiTokenIT {

  static final String TOKEN = "read-api-token-0123456789";
  private static LockedRedis redis;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) throws IOException, InterruptedException {
    redis = LockedRedis.start(Files.createTempDirectory("api-token"));
    registry.add("spring.data.redis.url", () -> redis.url("event"));
    registry.add("prescal.redis.password-file", () -> redis.passwordFile("event").toString());
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
  void withoutTheTokenOnlyTheHealthStatusAnswers() {
    for (String path :
        new String[] {
          "/api/services",
          "/api/events",
          "/api/services/web/history",
          "/actuator/prometheus",
          "/actuator/metrics",
          "/actuator/info",
          "/actuator"
        }) {
      Http.Response none = Http.get(port, path);
      assertThat(none.status()).as(path).isEqualTo(401);
      assertThat(none.body()).contains("missing or wrong bearer token");
      assertThat(Http.get(port, path, "wrong-token-0123456789").status()).as(path).isEqualTo(401);
    }
    JsonNode health = Http.get(port, "/actuator/health").json();
    assertThat(health.get("status").stringValue()).isEqualTo("UP");
    assertThat(health.has("components")).isFalse();
  }

  @Test
  void withTheTokenEverythingAnswersAndHealthHasItsDetails() {
    assertThat(Http.get(port, "/api/services", TOKEN).status()).isEqualTo(200);
    assertThat(Http.get(port, "/api/events", TOKEN).status()).isEqualTo(200);
    assertThat(Http.get(port, "/actuator/prometheus", TOKEN).status()).isEqualTo(200);
    JsonNode health = Http.get(port, "/actuator/health", TOKEN).json();
    assertThat(health.get("components").get("redis").get("status").stringValue()).isEqualTo("UP");
  }
}
