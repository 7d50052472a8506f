package io.prescal.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.prescal.common.Channels;
import io.prescal.common.codec.CommandSigner;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ScaleCommand;
import io.prescal.testing.EventRecorder;
import io.prescal.testing.LockedRedis;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The proxy's event pipeline against a real Redis locked down as Prescal starts it: the {@code
 * proxy} ACL user with its password from a file, plain and over TLS with a CA made for the test.
 */
class LockedRedisPipelineIT {

  private static final String SECRET = "it-secret-of-at-least-16-bytes";
  private static final Duration WAIT = Duration.ofSeconds(15);

  private final EventCodec codec = new EventCodec();

  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  void theProxyUserPublishesEventsAndMetricsAndTakesSignedCommands(boolean tls, @TempDir Path dir)
      throws Exception {
    try (LockedRedis redis = LockedRedis.start(dir, tls);
        EventRecorder recorder =
            new EventRecorder(testClientUrl(redis, "observer"), Channels.EVENTS, Channels.METRICS);
        RedisEventPipeline pipeline =
            RedisEventPipeline.start(
                proxySettings(redis, tls)
                    .withInstanceId("proxy-locked")
                    .withCommandSecret(SECRET)
                    .withMetricsInterval(Duration.ofMillis(200)),
                intervalMillis -> new MetricsSnapshot(intervalMillis, List.of()),
                (service, command) -> "applied")) {
      Awaitility.await().atMost(WAIT).until(() -> pipeline.stats().subscribed());

      pipeline.publish("web", new BackendReady("web-1", "127.0.0.1:9", 12));
      recorder.await(BackendReady.class, r -> r.backendId().equals("web-1"), WAIT);
      recorder.await(MetricsSnapshot.class, m -> true, WAIT);

      Envelope command =
          new CommandSigner(SECRET, codec)
              .sign(Envelope.of("dashboard", "web", new ScaleCommand(2, "ops"), Instant.now()));
      try (RedisClient client = RedisClient.create(testClientUrl(redis, "dashboard"));
          StatefulRedisConnection<String, String> dashboard = client.connect()) {
        dashboard.sync().publish(Channels.COMMANDS, codec.encode(command));
      }
      recorder.await(CommandAccepted.class, a -> a.commandId().equals(command.id()), WAIT);
      assertThat(pipeline.stats().dropped()).isZero();
    }
  }

  @Test
  void theProxyUserCannotTouchWhatIsNotItsOwn(@TempDir Path dir) throws Exception {
    try (LockedRedis redis = LockedRedis.start(dir);
        RedisClient client = RedisClient.create(proxySettings(redis, false).redisUri());
        StatefulRedisConnection<String, String> proxy = client.connect()) {
      assertThat(proxy.sync().publish(Channels.EVENTS, "{}")).isNotNull();
      assertThatThrownBy(() -> proxy.sync().publish(Channels.STATE, "{}"))
          .isInstanceOf(RedisCommandExecutionException.class)
          .hasMessageStartingWith("NOPERM");
      assertThatThrownBy(
              () -> proxy.sync().xrevrange("prescal:eventlog", io.lettuce.core.Range.unbounded()))
          .hasMessageStartingWith("NOPERM");
      assertThatThrownBy(() -> proxy.sync().flushall()).hasMessageStartingWith("NOPERM");
      assertThatThrownBy(() -> proxy.sync().configGet("requirepass"))
          .hasMessageStartingWith("NOPERM");
    }
  }

  @Test
  void aWrongOrMissingPasswordFileIsRefusedAtOnceWithTheFix(@TempDir Path dir) {
    assertThatThrownBy(
            () ->
                RedisSettings.of("redis://proxy:inline@127.0.0.1:6379")
                    .withPasswordFile(dir.resolve("missing").toString()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("redis password: given in the URL and in the file")
        .hasMessageContaining("redis password file " + dir.resolve("missing") + ": cannot be read")
        .message()
        .doesNotContain("inline");
    assertThatThrownBy(
            () ->
                RedisSettings.of("redis://127.0.0.1:6379")
                    .withCaFile(dir.resolve("ca.pem").toString()))
        .hasMessageContaining("given for a URL without TLS");
  }

  /** The proxy's own settings, as its config file or environment gives them. */
  private static RedisSettings proxySettings(LockedRedis redis, boolean tls) {
    RedisSettings settings =
        RedisSettings.of(redis.url("proxy"))
            .withPasswordFile(redis.passwordFile("proxy").toString());
    return tls ? settings.withCaFile(redis.caFile().toString()) : settings;
  }

  /** A test client's URL: the password inline, and no certificate check over TLS. */
  private static String testClientUrl(LockedRedis redis, String user) {
    String url = redis.urlWithPassword(user);
    return url.startsWith("rediss") ? url + "?verifyPeer=NONE" : url;
  }
}
