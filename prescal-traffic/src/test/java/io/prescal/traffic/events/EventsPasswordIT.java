package io.prescal.traffic.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.prescal.common.Channels;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.Envelope;
import io.prescal.testing.RedisContainers;
import io.prescal.testing.RequiresDocker;
import io.prescal.traffic.ExitCode;
import io.prescal.traffic.testing.Cli;
import io.prescal.traffic.testing.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * {@code --events} against a Redis with users, as Prescal runs it: the read-only user's password
 * from {@code --redis-password-file}; a wrong one fails in one line that never shows it.
 */
@RequiresDocker
@Testcontainers
class EventsPasswordIT {

  private static final String PASSWORD = "observer-pw-4f1c";

  @Container static final GenericContainer<?> REDIS = RedisContainers.redis();

  /** The read-only user Prescal's own Redis has, with a password (users.acl.in's observer). */
  @BeforeAll
  static void observer() {
    RedisClient client = RedisClient.create(RedisContainers.uri(REDIS));
    try (StatefulRedisConnection<String, String> c = client.connect()) {
      CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8).add("SETUSER");
      for (String rule :
          List.of(
              "observer",
              "on",
              ">" + PASSWORD,
              "resetchannels",
              "&" + Channels.EVENTS,
              "-@all",
              "+subscribe",
              "+ping",
              "+hello",
              "+client")) {
        args.add(rule);
      }
      c.sync().dispatch(CommandType.ACL, new StatusOutput<>(StringCodec.UTF8), args);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }

  @TempDir Path dir;

  private String url(String user) {
    return "redis://" + user + "@127.0.0.1:" + REDIS.getMappedPort(RedisContainers.PORT);
  }

  @Test
  void theObserverLogsInWithItsPasswordFileAndSeesTheEvents() throws Exception {
    Path password = dir.resolve("observer-password");
    Files.writeString(password, PASSWORD + "\n");
    RedisClient admin = RedisClient.create(RedisContainers.uri(REDIS));
    try (LoopbackServer server = LoopbackServer.start();
        StatefulRedisConnection<String, String> redis = admin.connect()) {
      CompletableFuture<Cli.Run> run =
          CompletableFuture.supplyAsync(
              () ->
                  Cli.run(
                      "load",
                      "-q",
                      "-d",
                      "4s",
                      "-c",
                      "1",
                      "--events",
                      url("observer"),
                      "--redis-password-file",
                      password.toString(),
                      server.url()));
      String ready =
          new EventCodec()
              .encode(Envelope.of("proxy-1", "web", new BackendReady("web-9", "127.0.0.1:1", 800)));
      // Published until the run has subscribed and seen one (its start time varies on a busy
      // machine); each lands on the timeline.
      while (!run.isDone()) {
        redis.sync().publish(Channels.EVENTS, ready);
        Thread.sleep(300);
      }
      Cli.Run done = run.get(30, TimeUnit.SECONDS);

      assertThat(done.exit()).as(done.out() + done.err()).isEqualTo(ExitCode.OK);
      assertThat(done.out()).contains("backend web-9 ready (started in 800 ms)");
    } finally {
      admin.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }

  @Test
  void aWrongPasswordFailsInOneLineThatHidesIt() throws Exception {
    Path password = dir.resolve("wrong-password");
    Files.writeString(password, "not-the-password-77\n");
    try (LoopbackServer server = LoopbackServer.start()) {
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "-n",
              "1",
              "--events",
              url("observer"),
              "--redis-password-file",
              password.toString(),
              server.url());

      assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
      assertThat(run.err().strip().lines()).hasSize(1);
      assertThat(run.err())
          .contains("--events: cannot subscribe at " + url("observer"))
          .contains("are the user and password right?")
          .doesNotContain("not-the-password-77");
      assertThat(server.requests()).as("nothing sent").isZero();
    }
  }
}
