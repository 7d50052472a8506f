package io.prescal.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisSettingsTest {

  @Test
  void defaultsAreUsableAndTheInstanceIdNamesHostAndPid() {
    RedisSettings settings = RedisSettings.of("redis://127.0.0.1:6379");
    assertThat(settings.instanceId()).endsWith("-" + ProcessHandle.current().pid());
    assertThat(settings.commandSecret()).isNull();
    assertThat(settings.queueCapacity()).isEqualTo(RedisSettings.DEFAULT_QUEUE_CAPACITY);
    assertThat(settings.metricsInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void eachWithChangesItsOwnFieldAndKeepsEveryOther() throws Exception {
    Path ca = Files.createTempFile("ca", ".pem");
    Path pw = Files.writeString(Files.createTempFile("pw", ""), "pw\n");
    try {
      RedisSettings base =
          new RedisSettings(
              "rediss://u@h:1",
              "a",
              "secret-0123456789",
              5,
              Duration.ofSeconds(2),
              Duration.ofSeconds(3),
              Duration.ofSeconds(4),
              pw.toString(),
              null);
      Duration d = Duration.ofMillis(7);
      assertThat(base.withInstanceId("b"))
          .isEqualTo(
              new RedisSettings(
                  "rediss://u@h:1",
                  "b",
                  "secret-0123456789",
                  5,
                  Duration.ofSeconds(2),
                  Duration.ofSeconds(3),
                  Duration.ofSeconds(4),
                  pw.toString(),
                  null));
      assertThat(base.withCommandSecret(null).commandSecret()).isNull();
      assertThat(base.withCommandSecret(null).withCommandSecret("secret-0123456789"))
          .isEqualTo(base);
      assertThat(base.withQueueCapacity(9).withQueueCapacity(5)).isEqualTo(base);
      assertThat(base.withQueueCapacity(9).queueCapacity()).isEqualTo(9);
      assertThat(base.withMetricsInterval(d).metricsInterval()).isEqualTo(d);
      assertThat(base.withMetricsInterval(d).withMetricsInterval(Duration.ofSeconds(2)))
          .isEqualTo(base);
      assertThat(base.withCommandMaxSkew(d).commandMaxSkew()).isEqualTo(d);
      assertThat(base.withCommandMaxSkew(d).withCommandMaxSkew(Duration.ofSeconds(3)))
          .isEqualTo(base);
      assertThat(base.withCloseTimeout(d).closeTimeout()).isEqualTo(d);
      assertThat(base.withCloseTimeout(d).withCloseTimeout(Duration.ofSeconds(4))).isEqualTo(base);
      assertThat(base.withPasswordFile(null).passwordFile()).isNull();
      assertThat(base.withPasswordFile(null).withPasswordFile(pw.toString())).isEqualTo(base);
      // Every field checked again on the way: a bad value is refused by a with as by the
      // constructor.
      assertThatThrownBy(() -> base.withQueueCapacity(0))
          .hasMessage("queue capacity: 0 (expected: >= 1)");
      assertThatThrownBy(() -> base.withCaFile(ca.toString()))
          .hasMessageContaining("redis CA file " + ca);
    } finally {
      Files.delete(ca);
      Files.delete(pw);
    }
  }

  @Test
  void urisWithUserPasswordDatabaseTlsAndSentinelParse() {
    assertThat(RedisSettings.of("redis://alice:s3cret@127.0.0.1:6380/2").redisUri().getDatabase())
        .isEqualTo(2);
    assertThat(
            RedisSettings.of("redis://alice:s3cret@127.0.0.1:6380/2")
                .redisUri()
                .getCredentialsProvider()
                .resolveCredentials()
                .block()
                .getUsername())
        .isEqualTo("alice");
    assertThat(RedisSettings.of("rediss://127.0.0.1:6380").redisUri().isSsl()).isTrue();
    assertThat(
            RedisSettings.of("redis-sentinel://127.0.0.1:26379/0#mymaster")
                .redisUri()
                .getSentinelMasterId())
        .isEqualTo("mymaster");
  }

  @Test
  void everyProblemIsListedInOneMessageWithoutThePassword() {
    assertThatThrownBy(
            () ->
                new RedisSettings(
                    "http://alice:s3cret@x",
                    " ",
                    "short",
                    0,
                    Duration.ZERO,
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(1),
                    null,
                    null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis uri: \"http://alice:***@x\" (expected: redis://")
        .hasMessageContaining("instance id: \" \" (expected: non-blank)")
        .hasMessageContaining("command secret: 5 characters (expected: at least 16 bytes")
        .hasMessageContaining("queue capacity: 0 (expected: >= 1)")
        .hasMessageContaining("metrics interval: PT0S (expected: > 0)")
        .message()
        .doesNotContain("s3cret");
  }

  @Test
  void aPasswordFileGivesThePasswordAndTheUriNamesTheUser(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("proxy.password"), "from-the-file\n");

    RedisCredentials credentials =
        RedisSettings.of("redis://proxy@127.0.0.1:6379")
            .withPasswordFile(file.toString())
            .redisUri()
            .getCredentialsProvider()
            .resolveCredentials()
            .block();

    assertThat(credentials.getUsername()).isEqualTo("proxy");
    assertThat(new String(credentials.getPassword())).isEqualTo("from-the-file");
    assertThat(RedisSettings.of("redis://h:1").withPasswordFile(" ").passwordFile()).isNull();
    assertThat(
            RedisSettings.of("redis://proxy@127.0.0.1:6379")
                .withPasswordFile(file.toString())
                .maskedUri())
        .isEqualTo("redis://proxy@127.0.0.1:6379");
    assertThat(RedisSettings.of("redis://lone-password@h:1").maskedUri())
        .isEqualTo("redis://***@h:1");
  }

  @Test
  void passwordFileAndCaProblemsAreListedWithTheOthers(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                new RedisSettings(
                    "redis://127.0.0.1:6379",
                    "p",
                    "short",
                    1,
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(30),
                    Duration.ofSeconds(1),
                    dir.resolve("none").toString(),
                    dir.resolve("ca.pem").toString()))
        .hasMessageContaining("redis password file " + dir.resolve("none") + ": cannot be read")
        .hasMessageContaining(
            "redis CA file " + dir.resolve("ca.pem") + ": given for a URL without TLS")
        .hasMessageContaining("command secret: 5 characters");
  }

  @Test
  void toStringHidesThePasswordAndTheSecret() {
    RedisSettings settings =
        RedisSettings.of("redis://alice:s3cret@127.0.0.1:6379")
            .withCommandSecret("0123456789abcdef-secret");
    assertThat(settings.toString())
        .contains("redis://alice:***@127.0.0.1:6379")
        .contains("commandSecret=set")
        .doesNotContain("s3cret")
        .doesNotContain("0123456789abcdef");
    assertThat(RedisSettings.of("redis://:pw@h:1").maskedUri()).isEqualTo("redis://:***@h:1");
  }
}
