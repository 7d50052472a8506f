package io.prescal.event.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.Keys;
import io.prescal.testing.RedisContainers;
import io.prescal.testing.RequiresDocker;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.testcontainers.containers.GenericContainer;

/**
 * A batch retried after a call that ran in Redis but timed out on the client lands once: the script
 * skips a batch whose token is its writer's last one.
 */
@RequiresDocker
class LogAppendScriptIT {

  private static GenericContainer<?> redis;
  private static LettuceConnectionFactory factory;
  private static StringRedisTemplate template;

  @BeforeAll
  static void start() {
    redis = RedisContainers.redis();
    redis.start();
    factory =
        new LettuceConnectionFactory(
            new RedisStandaloneConfiguration(
                redis.getHost(), redis.getMappedPort(RedisContainers.PORT)));
    factory.afterPropertiesSet();
    factory.start();
    template = new StringRedisTemplate(factory);
  }

  @AfterAll
  static void stop() {
    if (factory != null) {
      factory.destroy();
    }
    if (redis != null) {
      redis.stop();
    }
  }

  @Test
  void aBatchSentTwiceWithItsTokenIsWrittenOnceAndTheNextOneAfterIt() {
    LogAppendScript script = new LogAppendScript(template, 10_000);
    template.delete(Keys.EVENT_LOG);

    script.append(1, entries("a", "b"));
    script.append(1, entries("a", "b")); // the retry of a batch that was written after all
    script.append(2, entries("c"));

    assertThat(
            template
                .opsForStream()
                .range(Keys.EVENT_LOG, org.springframework.data.domain.Range.unbounded()))
        .extracting(r -> r.getValue().get(Keys.EVENT_LOG_FIELD))
        .containsExactly("a", "b", "c");
    assertThat(template.keys(Keys.EVENT_LOG_BATCH_PREFIX + "*"))
        .singleElement()
        .satisfies(k -> assertThat(template.getExpire(k)).isBetween(1L, 600L));
  }

  @Test
  void twoWritersDoNotSkipEachOthersBatches() {
    LogAppendScript one = new LogAppendScript(template, 10_000);
    LogAppendScript two = new LogAppendScript(template, 10_000);
    template.delete(Keys.EVENT_LOG);

    one.append(1, entries("x"));
    two.append(1, entries("y"));

    assertThat(template.opsForStream().size(Keys.EVENT_LOG)).isEqualTo(2);
  }

  private static List<byte[]> entries(String... bodies) {
    return java.util.Arrays.stream(bodies).map(b -> b.getBytes(StandardCharsets.UTF_8)).toList();
  }
}
