package io.prescal.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.redis.RedisAccess;
import io.prescal.testing.RedisProcess;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Every way of naming Redis reaches a real, password-protected {@code redis-server} through Spring
 * Boot's own auto-configuration: command-line flags, {@code SPRING_DATA_REDIS_*} variables (read
 * through the property source Spring uses for the real environment), {@code PRESCAL_REDIS_URL}, and
 * Spring's URL over it; a file's address loses to a flag.
 */
class PrescalRedisConfigurationTest {

  private static final String PASSWORD = "s3cret-pw";
  private static final RedisProcess REDIS = RedisProcess.server("--requirepass", PASSWORD).start();
  private static final String DEAD = "redis://127.0.0.1:1";

  @AfterAll
  static void stop() {
    REDIS.close();
  }

  /** The service's context, as SpringApplication builds it: flags, then environment, then file. */
  private static ApplicationContextRunner service(
      String[] flags, Map<String, Object> environment, Map<String, Object> file) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
        .withUserConfiguration(PrescalRedisConfiguration.class)
        .withInitializer(
            context -> {
              var sources = context.getEnvironment().getPropertySources();
              sources.addFirst(new MapPropertySource("application.properties", file));
              sources.addFirst(
                  new SystemEnvironmentPropertySource("systemEnvironment", environment));
              sources.addFirst(new SimpleCommandLinePropertySource(flags));
            });
  }

  private static void answers(ApplicationContextRunner runner, String expectedAddress) {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(RedisAccess.class).address()).isEqualTo(expectedAddress);
          String pong =
              context
                  .getBean(StringRedisTemplate.class)
                  .execute((RedisCallback<String>) connection -> connection.ping());
          assertThat(pong).isEqualTo("PONG");
        });
  }

  @Test
  void commandLineFlagsWinOverTheFilesAddress() {
    answers(
        service(
            new String[] {
              "--spring.data.redis.port=" + REDIS.port(), "--spring.data.redis.password=" + PASSWORD
            },
            Map.of(),
            Map.of("prescal.redis.url", "redis://127.0.0.1:1")),
        "redis://127.0.0.1:" + REDIS.port());
    answers(
        service(
            new String[] {
              "--spring.data.redis.host=127.0.0.1",
              "--spring.data.redis.port=" + REDIS.port(),
              "--spring.data.redis.password=" + PASSWORD
            },
            Map.of(),
            Map.of()),
        "redis://127.0.0.1:" + REDIS.port());
  }

  @Test
  void springDataRedisVariablesWork() {
    answers(
        service(
            new String[0],
            Map.of(
                "SPRING_DATA_REDIS_HOST",
                "127.0.0.1",
                "SPRING_DATA_REDIS_PORT",
                String.valueOf(REDIS.port()),
                "SPRING_DATA_REDIS_PASSWORD",
                PASSWORD),
            Map.of("prescal.redis.url", DEAD)),
        "redis://127.0.0.1:" + REDIS.port());
  }

  @Test
  void prescalRedisUrlIsTheSharedWayAndSpringsUrlWinsOverIt() {
    String url = "redis://:" + PASSWORD + "@127.0.0.1:" + REDIS.port();
    answers(
        service(new String[0], Map.of("PRESCAL_REDIS_URL", url), Map.of()),
        "redis://127.0.0.1:" + REDIS.port());
    answers(
        service(
            new String[] {"--spring.data.redis.url=" + url},
            Map.of("PRESCAL_REDIS_URL", DEAD),
            Map.of()),
        "redis://127.0.0.1:" + REDIS.port());
    answers(
        service(
            new String[0], Map.of("SPRING_DATA_REDIS_URL", url), Map.of("prescal.redis.url", DEAD)),
        "redis://127.0.0.1:" + REDIS.port());
  }

  @Test
  void aBadFlagStopsTheServiceNamingTheKey() {
    service(new String[] {"--spring.data.redis.port=abc"}, Map.of(), Map.of())
        .run(
            context ->
                assertThat(context)
                    .getFailure()
                    .rootCause()
                    .hasMessage(
                        "spring.data.redis.port: \"abc\" (expected: a whole number from 1 to"
                            + " 65535)"));
  }

  @Test
  void theConnectionFactoryUsesTheseDetailsNotSpringBootsDefaults() {
    service(new String[] {"--spring.data.redis.port=" + REDIS.port()}, Map.of(), Map.of())
        .run(
            context ->
                assertThat(context.getBean(RedisConnectionFactory.class))
                    .extracting("configuration.port")
                    .isEqualTo(REDIS.port()));
  }
}
