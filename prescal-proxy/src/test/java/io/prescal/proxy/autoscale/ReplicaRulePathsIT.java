package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.prescal.common.Channels;
import io.prescal.common.codec.CommandSigner;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Command;
import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.CommandRejected;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.LimitsCommand;
import io.prescal.common.event.ScaleCommand;
import io.prescal.proxy.config.ConfigException;
import io.prescal.proxy.config.ConfigLoader;
import io.prescal.proxy.testing.AdminClient;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.testing.EventRecorder;
import io.prescal.testing.RedisContainers;
import io.prescal.testing.ReplicaAttacks;
import io.prescal.testing.RequiresDocker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.testcontainers.containers.GenericContainer;
import tools.jackson.databind.JsonNode;

/**
 * The replica rule through every way into the proxy: its file, the admin API over HTTP, and signed
 * commands on a real Redis. Each path gets every case of {@link ReplicaAttacks} and must answer
 * with the rule's own sentence (the dashboard's controls run the same cases in prescal-dashboard).
 * The proxy runs {@code web} as local processes under a ceiling of {@value ReplicaAttacks#CEILING}.
 */
@RequiresDocker
class ReplicaRulePathsIT {
  private static final String SECRET = "a-command-secret-shared-with-the-dashboard";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  static final List<ReplicaAttacks.Limits> LIMITS = ReplicaAttacks.limits();
  static final List<ReplicaAttacks.Fix> FIXES = ReplicaAttacks.fixes();
  static final List<ReplicaAttacks.Typed> TYPED = ReplicaAttacks.typed();

  private static final EventCodec CODEC = new EventCodec();
  private static GenericContainer<?> redis;
  private static RunningProxy proxy;
  private static EventRecorder recorder;
  private static AdminClient admin;
  private static RedisClient client;
  private static StatefulRedisConnection<String, String> dashboard;

  @BeforeAll
  static void start() throws Exception {
    redis = RedisContainers.labeled("replica-rule");
    redis.start();
    String uri = RedisContainers.uri(redis);
    recorder = new EventRecorder(uri, Channels.EVENTS);
    proxy =
        RunningProxy.start(
            """
            events:
              redis: %s
              commandSecret: %s
            scaling:
              maxReplicas: %d
              maxConcurrentStarts: 2
            services:
              - name: web
                provider:
                  type: process
                  command: ["%s", "-Xmx32m", "-m", "jdk.httpserver", "-b", "127.0.0.1", "-p", "{port}"]
                  logOutput: false
                  stopGrace: 2s
                readiness: {interval: 100ms}
                autoscale: {min: 2, max: 4, tick: 200ms, panicWindow: 1s, stableWindow: 2s}
            """
                .formatted(uri, SECRET, ReplicaAttacks.CEILING, JAVA));
    admin = new AdminClient(proxy.adminPort());
    client = RedisClient.create(uri);
    dashboard = client.connect();
    Awaitility.await().atMost(WAIT).until(() -> proxy.proxy().publisherStats().subscribed());
  }

  @AfterAll
  static void stop() {
    if (dashboard != null) {
      dashboard.close();
      client.shutdown();
    }
    if (proxy != null) {
      proxy.close();
    }
    if (recorder != null) {
      recorder.close();
    }
    if (redis != null) {
      redis.stop();
    }
  }

  /** Back to min 2, max 4, autoscaling: the limits every case starts from. */
  private static void reset() throws Exception {
    assertThat(admin.post("/services/web/limits?min=2&max=4").getKey()).isEqualTo(200);
    assertThat(admin.post("/services/web/resume").getKey()).isEqualTo(200);
  }

  // The proxy's file.

  @ParameterizedTest
  @FieldSource("LIMITS")
  void config(ReplicaAttacks.Limits c) {
    List<String> problems = problems("min: " + c.min() + ", max: " + c.max());
    if (c.refusal() == null) {
      assertThat(problems).isEmpty();
    } else {
      assertThat(problems).containsExactly("services[0].autoscale." + c.refusal());
    }
  }

  @ParameterizedTest
  @FieldSource("TYPED")
  void configTyped(ReplicaAttacks.Typed c) {
    // Quoted, as YAML would otherwise read 1e3 as 1000.0 before the rule sees it.
    assertThat(problems("min: 1, max: \"" + c.text() + "\""))
        .containsExactly("services[0].autoscale." + c.refusal());
  }

  private static List<String> problems(String autoscale) {
    String yaml =
        """
        scaling: {maxReplicas: %d}
        services:
          - name: web
            provider: {type: process, command: ["serve", "{port}"]}
            autoscale: {%s}
        """
            .formatted(ReplicaAttacks.CEILING, autoscale);
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "t"));
    return e == null ? List.of() : e.problems();
  }

  // The admin API over HTTP.

  @ParameterizedTest
  @FieldSource("LIMITS")
  void admin(ReplicaAttacks.Limits c) throws Exception {
    reset();
    var answer = admin.post("/services/web/limits?min=" + c.min() + "&max=" + c.max());
    assertAnswer(answer, c.refusal(), c.shape() ? 400 : 409);
  }

  @ParameterizedTest
  @FieldSource("FIXES")
  void adminFix(ReplicaAttacks.Fix c) throws Exception {
    reset();
    var answer =
        admin.post(
            "/services/web/scale?replicas=" + c.replicas() + (c.force() ? "&force=true" : ""));
    assertAnswer(answer, c.refusal(), 409);
  }

  @ParameterizedTest
  @FieldSource("TYPED")
  void adminTyped(ReplicaAttacks.Typed c) throws Exception {
    assertAnswer(admin.post("/services/web/limits?min=1&max=" + c.text()), c.refusal(), 400);
  }

  @Test
  void adminRefusesANegativeCountAndAForceThatIsNotABoolean() throws Exception {
    assertAnswer(
        admin.post("/services/web/scale?replicas=-1"), "replicas: -1 (expected: >= 0)", 400);
    assertAnswer(
        admin.post("/services/web/scale?replicas=0&force=yes"),
        "force: \"yes\" (expected: true or false)",
        400);
  }

  private static void assertAnswer(
      Map.Entry<Integer, JsonNode> answer, String refusal, int refusedStatus) {
    JsonNode body = answer.getValue();
    if (refusal == null) {
      assertThat(answer.getKey()).as(body.toString()).isEqualTo(200);
      assertThat(body.get("accepted").asBoolean()).isTrue();
    } else {
      assertThat(body.get("reason").asString()).isEqualTo(refusal);
      assertThat(answer.getKey()).isEqualTo(refusedStatus);
    }
  }

  // Signed commands on prescal:commands, through a real Redis.

  @ParameterizedTest
  @FieldSource("LIMITS")
  void redis(ReplicaAttacks.Limits c) throws Exception {
    reset();
    if (c.shape()) {
      // No dashboard can build it: the record refuses. Written by hand, it reads as malformed:
      // counted, and answered at most once per interval (anyone could send a flood of them), so
      // the count is what shows that this one was refused.
      String forged =
          CODEC
              .encode(signed(new LimitsCommand(2, 4, "ops")))
              .replace("\"min\":2,\"max\":4", "\"min\":" + c.min() + ",\"max\":" + c.max());
      long malformed = malformedCount();
      dashboard.sync().publish(Channels.COMMANDS, forged);
      Awaitility.await().atMost(WAIT).until(() -> malformedCount() == malformed + 1);
      JsonNode autoscaling = admin.autoscaling("web");
      assertThat(autoscaling.get("min").asInt()).isEqualTo(2);
      assertThat(autoscaling.get("max").asInt()).isEqualTo(4);
      return;
    }
    assertCommandAnswer(signed(new LimitsCommand(c.min(), c.max(), "ops")), c.refusal());
  }

  private static long malformedCount() {
    return proxy.proxy().publisherStats().commandsRejected().getOrDefault("malformed", 0L);
  }

  @ParameterizedTest
  @FieldSource("FIXES")
  void redisFix(ReplicaAttacks.Fix c) throws Exception {
    reset();
    assertCommandAnswer(signed(new ScaleCommand(c.replicas(), "ops", c.force())), c.refusal());
  }

  private static Envelope signed(Command command) {
    return new CommandSigner(SECRET, CODEC)
        .sign(Envelope.of("dashboard", "web", command, Instant.now()));
  }

  private static void assertCommandAnswer(Envelope command, String refusal) {
    dashboard.sync().publish(Channels.COMMANDS, CODEC.encode(command));
    if (refusal == null) {
      recorder.await(CommandAccepted.class, a -> a.commandId().equals(command.id()), WAIT);
    } else {
      var rejected =
          recorder.await(CommandRejected.class, r -> r.commandId().equals(command.id()), WAIT);
      assertThat(((CommandRejected) rejected.envelope().data()).reason()).isEqualTo(refusal);
    }
  }
}
