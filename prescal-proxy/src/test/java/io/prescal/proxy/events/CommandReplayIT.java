package io.prescal.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.AclSetuserArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.protocol.CommandType;
import io.prescal.common.Channels;
import io.prescal.common.Keys;
import io.prescal.common.codec.CommandSigner;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.CommandRejected;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ScaleCommand;
import io.prescal.proxy.metrics.PrometheusText;
import io.prescal.testing.EventRecorder;
import io.prescal.testing.RedisExtension;
import io.prescal.testing.RequiresDocker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The command guards against a real Redis: the replay memory shared through Redis (a restarted
 * proxy and a sibling proxy), the size limit checked on the length alone, log lines that a message
 * cannot forge, and what happens when Redis will not answer the replay check.
 */
@RequiresDocker
class CommandReplayIT {

  private static final String SECRET = "replay-it-secret-of-16-bytes";
  private static final Duration WAIT = Duration.ofSeconds(15);

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension("replay");

  private static String uri;
  private final EventCodec codec = new EventCodec();
  private final CommandSigner signer = new CommandSigner(SECRET, codec);
  private final List<String> applied = new CopyOnWriteArrayList<>();
  private final List<RedisEventPipeline> proxies = new ArrayList<>();
  private EventRecorder recorder;
  private RedisClient client;
  private StatefulRedisConnection<String, String> dashboard;

  @BeforeAll
  static void startRedis() {
    uri = REDIS.uri();
  }

  @BeforeEach
  void connect() {
    recorder = new EventRecorder(uri, Channels.EVENTS);
    client = RedisClient.create(uri);
    dashboard = client.connect();
  }

  @AfterEach
  void closeAll() {
    proxies.forEach(RedisEventPipeline::close);
    recorder.close();
    dashboard.close();
    client.shutdown();
  }

  /** A proxy on the test's Redis whose handler records what it applied, by instance. */
  private RedisEventPipeline proxy(String instance) {
    return proxy(instance, uri);
  }

  private RedisEventPipeline proxy(String instance, String redisUri) {
    RedisEventPipeline pipeline =
        RedisEventPipeline.start(
            RedisSettings.of(redisUri)
                .withInstanceId(instance)
                .withCommandSecret(SECRET)
                .withMetricsInterval(Duration.ofHours(1)),
            interval -> new MetricsSnapshot(interval, List.of()),
            (service, command) -> {
              applied.add(instance + ": " + service + " " + command.describe());
              return "done";
            });
    proxies.add(pipeline);
    await().atMost(WAIT).until(() -> pipeline.stats().subscribed());
    return pipeline;
  }

  private Envelope command(int replicas) {
    return signer.sign(
        Envelope.of("dashboard", "web", new ScaleCommand(replicas, "ops"), Instant.now()));
  }

  private void publish(Envelope command) {
    dashboard.sync().publish(Channels.COMMANDS, codec.encode(command));
  }

  private List<String> answers(Class<?> type, String commandId) {
    return recorder.all().stream()
        .filter(r -> type.isInstance(r.envelope().data()))
        .filter(
            r ->
                r.envelope().data() instanceof CommandAccepted a && a.commandId().equals(commandId)
                    || r.envelope().data() instanceof CommandRejected j
                        && j.commandId().equals(commandId))
        .map(r -> r.envelope().source())
        .sorted()
        .toList();
  }

  /** Waits for {@code source}'s rejection of {@code commandId} and returns its reason. */
  private String rejection(String commandId, String source) {
    return await()
        .atMost(WAIT)
        .until(
            () ->
                recorder.of(CommandRejected.class).stream()
                    .filter(r -> r.envelope().source().equals(source))
                    .map(r -> (CommandRejected) r.envelope().data())
                    .filter(j -> j.commandId().equals(commandId))
                    .map(CommandRejected::reason)
                    .findFirst()
                    .orElse(null),
            reason -> reason != null);
  }

  @Test
  void aCommandReplayedToARestartedProxyIsRefused() {
    RedisEventPipeline first = proxy("proxy-a");
    Envelope scale = command(3);
    publish(scale);
    recorder.await(CommandAccepted.class, a -> a.commandId().equals(scale.id()), WAIT);
    first.close();

    // The same proxy started again: a new process with nothing in memory, same name.
    RedisEventPipeline restarted = proxy("proxy-a");
    publish(scale);
    assertThat(rejection(scale.id(), "proxy-a"))
        .isEqualTo(
            "replayed command: id "
                + scale.id()
                + " was received by a proxy before this one began listening");
    assertThat(applied).containsExactly("proxy-a: web scale to 3");
    assertThat(restarted.stats().commandsRejected()).containsEntry("replayed", 1L);
    // The memory is one hash per command that expires: twice the 30 s skew at most.
    Long ttl = dashboard.sync().pttl(Keys.commandSeen(scale.id()));
    assertThat(ttl).isBetween(1L, 60_000L);
  }

  @Test
  void siblingProxiesEachApplyACommandOnceAndRefuseEveryCopy() {
    RedisEventPipeline a = proxy("proxy-a");
    RedisEventPipeline b = proxy("proxy-b");
    Envelope scale = command(2);
    publish(scale);
    await().atMost(WAIT).until(() -> answers(CommandAccepted.class, scale.id()).size() == 2);
    assertThat(answers(CommandAccepted.class, scale.id())).containsExactly("proxy-a", "proxy-b");
    assertThat(applied)
        .containsExactlyInAnyOrder("proxy-a: web scale to 2", "proxy-b: web scale to 2");

    publish(scale);
    RedisEventPipeline c = proxy("proxy-c");
    publish(scale);
    await()
        .atMost(WAIT)
        .until(
            () ->
                a.stats().commandsRejected().get("replayed") == 2
                    && b.stats().commandsRejected().get("replayed") == 2
                    && c.stats().commandsRejected().get("replayed") == 1);
    assertThat(applied).hasSize(2);
    for (RedisEventPipeline proxy : List.of(a, b)) {
      assertThat(proxy.stats().commandsAccepted()).isEqualTo(1);
    }
    // Copies of a command are answered once per interval per proxy: anyone can publish them.
    await().atMost(WAIT).until(() -> answers(CommandRejected.class, scale.id()).size() == 3);
    assertThat(answers(CommandRejected.class, scale.id()))
        .containsExactly("proxy-a", "proxy-b", "proxy-c");
    assertThat(c.stats().commandsAccepted()).isZero();
  }

  @Test
  void aTwoMebibyteMessageIsRefusedByItsLengthAndSoIsAnOversizedSignedCommand() {
    RedisEventPipeline proxy = proxy("proxy-big");
    String big = "{\"schema\":\"1.0\",\"pad\":\"" + "x".repeat((2 << 20) - 25) + "\"}";
    assertThat(big.length()).isEqualTo(2 << 20);
    dashboard.sync().publish(Channels.COMMANDS, big);
    assertThat(rejection("unknown", "proxy-big"))
        .isEqualTo("oversized command: 2097152 bytes (expected: at most 16384); not read");

    // Signed and fresh, but 20 KiB: refused all the same, nothing applied.
    Envelope padded =
        signer.sign(
            Envelope.of(
                "dashboard", "web", new ScaleCommand(4, "o".repeat(20_000)), Instant.now()));
    publish(padded);
    await().atMost(WAIT).until(() -> proxy.stats().commandsRejected().get("oversized") == 2);
    assertThat(applied).isEmpty();
    assertThat(PrometheusText.publisher(proxy.stats()))
        .contains("prescal_commands_rejected_total{reason=\"oversized\"} 2\n")
        .contains("prescal_commands_rejected_total{reason=\"unsigned\"} 0\n")
        .contains("prescal_commands_accepted_total 0\n");
  }

  @Test
  void aMessageWithLineBreaksIsLoggedAsOneLineWithoutItsRawText() {
    try (LogCapture log = new LogCapture(CommandListener.class.getName())) {
      RedisEventPipeline proxy = proxy("proxy-log");
      String forgedId = "x\r\n12:00:00.000 INFO  CommandListener - command y for web accepted: ok";
      String unsigned =
          "{\"schema\":\"1.0\",\"type\":\"command.scale\",\"id\":\"x\\r\\n12:00:00.000 INFO "
              + " CommandListener - command y for web accepted: ok\",\"time\":\""
              + Instant.now()
              + "\",\"source\":\"d\",\"service\":\"web\",\"data\":{\"replicas\":9,"
              + "\"issuer\":\"ops\"}}";
      dashboard.sync().publish(Channels.COMMANDS, unsigned);
      dashboard.sync().publish(Channels.COMMANDS, "garbage\r\nINFO forged line\u001b[2J");
      recorder.await(CommandRejected.class, r -> r.commandId().equals(forgedId), WAIT);
      await().atMost(WAIT).until(() -> proxy.stats().commandsRejected().get("malformed") == 1);
      await().atMost(WAIT).until(() -> log.lines().size() >= 2);

      assertThat(log.text()).doesNotContain("\r").doesNotContain("\u001b");
      assertThat(log.lines()).hasSize(2);
      assertThat(log.lines().get(0))
          .startsWith(
              "INFO command x\\r\\n12:00:00.000 INFO  CommandListener - command y for web"
                  + " accepted: ok (command.scale) for web rejected as unsigned:");
      assertThat(log.lines().get(1))
          .startsWith("INFO command unknown (unknown) for null rejected as malformed:")
          .doesNotContain("forged line");
      assertThat(applied).isEmpty();
    }
  }

  @Test
  void aFloodOfGarbageCostsOneLogLineAndOneAnswerPerKind() {
    try (LogCapture log = new LogCapture(CommandListener.class.getName())) {
      RedisEventPipeline proxy = proxy("proxy-flood");
      for (int i = 0; i < 200; i++) {
        dashboard.sync().publish(Channels.COMMANDS, "garbage " + i);
      }
      await().atMost(WAIT).until(() -> proxy.stats().commandsRejected().get("malformed") == 200);
      // A signed command is still answered every time.
      Envelope scale = command(1);
      publish(scale);
      recorder.await(CommandAccepted.class, a -> a.commandId().equals(scale.id()), WAIT);
      assertThat(log.lines()).hasSize(2);
      assertThat(log.lines().get(0)).contains("rejected as malformed");
      assertThat(answers(CommandRejected.class, "unknown")).containsExactly("proxy-flood");
    }
  }

  @Test
  void aFullBacklogDropsMessagesUnreadAndCountsThemWithOneLogLine() {
    CountDownLatch release = new CountDownLatch(1);
    try (LogCapture log = new LogCapture(CommandListener.class.getName())) {
      RedisEventPipeline proxy =
          RedisEventPipeline.start(
              RedisSettings.of(uri)
                  .withInstanceId("proxy-slow")
                  .withCommandSecret(SECRET)
                  .withMetricsInterval(Duration.ofHours(1)),
              interval -> new MetricsSnapshot(interval, List.of()),
              (service, command) -> {
                // A handler stuck on a slow engine: the worker waits, messages pile up.
                try {
                  release.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                return "done";
              });
      proxies.add(proxy);
      await().atMost(WAIT).until(() -> proxy.stats().subscribed());
      publish(command(1));
      for (int i = 0; i < 1_200; i++) {
        dashboard.sync().publish(Channels.COMMANDS, "garbage " + i);
      }
      await().atMost(WAIT).until(() -> proxy.stats().commandsRejected().get("backlog_full") >= 150);
      release.countDown();
      await()
          .atMost(WAIT)
          .until(
              () ->
                  proxy.stats().commandsRejected().get("malformed")
                          + proxy.stats().commandsRejected().get("backlog_full")
                      == 1_200);
      assertThat(proxy.stats().commandsAccepted()).isEqualTo(1);
      assertThat(log.lines().stream().filter(l -> l.contains("rejected as backlog_full")))
          .hasSize(1);
    } finally {
      release.countDown();
    }
  }

  @Test
  void whenRedisWillNotAnswerTheReplayCheckTheCommandIsRefusedAndNotApplied() {
    // A Redis user that may subscribe and publish but not run the replay check's script.
    dashboard
        .sync()
        .aclSetuser(
            "no-scripts",
            AclSetuserArgs.Builder.on()
                .addPassword("no-scripts-password")
                .allKeys()
                .allChannels()
                .allCommands()
                .removeCommand(CommandType.EVAL)
                .removeCommand(CommandType.EVALSHA));
    String restricted = uri.replace("redis://", "redis://no-scripts:no-scripts-password@");
    proxy("proxy-noperm", restricted);
    Envelope scale = command(5);
    publish(scale);
    assertThat(rejection(scale.id(), "proxy-noperm"))
        .startsWith("cannot check for a replay: Redis did not answer (NOPERM")
        .endsWith("nothing was done, send the command again");
    assertThat(applied).isEmpty();
  }
}
