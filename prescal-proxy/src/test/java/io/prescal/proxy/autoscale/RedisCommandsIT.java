package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.prescal.common.Channels;
import io.prescal.common.codec.CommandSigner;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.BackendRemoved;
import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.CommandRejected;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ProxyStopping;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleMode;
import io.prescal.common.event.ServiceMetrics;
import io.prescal.common.scaling.ScalingBounds;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.testing.EventRecorder;
import io.prescal.testing.RedisContainers;
import io.prescal.testing.RequiresDocker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/**
 * The proxy wired to a real Redis: decisions and metrics (with the autoscaler's status) are
 * published, a signed command on {@code prescal:commands} changes the scaling and is acknowledged,
 * one the autoscaler refuses is rejected with the reason, and the way down is published after
 * {@code proxy.stopping}.
 */
@RequiresDocker
class RedisCommandsIT {
  private static final String SECRET = "a-command-secret-shared-with-the-dashboard";
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  private final EventCodec codec = new EventCodec();
  private GenericContainer<?> redis;
  private RunningProxy proxy;
  private EventRecorder recorder;

  @AfterEach
  void stop() {
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

  @Test
  void aSignedCommandChangesTheScalingIsAcknowledgedAndTheWayDownIsPublished() throws Exception {
    redis = RedisContainers.labeled("commands");
    redis.start();
    String uri = RedisContainers.uri(redis);
    recorder = new EventRecorder(uri, Channels.EVENTS, Channels.METRICS);
    proxy =
        RunningProxy.start(
            """
            events:
              redis: %s
              commandSecret: %s
              instanceId: proxy-it
            services:
              - name: web
                provider:
                  type: process
                  command: ["%s", "-m", "jdk.httpserver", "-b", "127.0.0.1", "-p", "{port}"]
                  logOutput: false
                  stopGrace: 2s
                readiness: {interval: 100ms}
                autoscale: {min: 1, max: 3, tick: 200ms, panicWindow: 1s, stableWindow: 2s}
            """
                .formatted(uri, SECRET, JAVA));

    recorder.await(ScaleDecision.class, d -> d.desiredReplicas() == 1, WAIT);
    recorder.await(MetricsSnapshot.class, m -> web(m).readyReplicas() == 1, WAIT);
    ServiceMetrics metrics =
        web((MetricsSnapshot) recorder.of(MetricsSnapshot.class).getLast().envelope().data());
    assertThat(metrics.autoscaler()).isNotNull();
    assertThat(metrics.autoscaler().max()).isEqualTo(3);
    // The ceiling travels with the status, so that the dashboard checks what the proxy checks.
    assertThat(metrics.autoscaler().bounds())
        .isEqualTo(new ScalingBounds("process", 16, 4, 256L << 20));

    CommandSigner signer = new CommandSigner(SECRET, codec);
    Envelope scale =
        signer.sign(Envelope.of("dashboard", "web", new ScaleCommand(2, "ops"), Instant.now()));
    Envelope tooMany =
        signer.sign(Envelope.of("dashboard", "web", new ScaleCommand(7, "ops"), Instant.now()));
    await().atMost(WAIT).until(() -> proxy.proxy().publisherStats().subscribed());
    try (RedisClient client = RedisClient.create(uri);
        StatefulRedisConnection<String, String> dashboard = client.connect()) {
      dashboard.sync().publish(Channels.COMMANDS, codec.encode(scale));
      dashboard.sync().publish(Channels.COMMANDS, codec.encode(tooMany));
    }

    var accepted =
        recorder.await(CommandAccepted.class, a -> a.commandId().equals(scale.id()), WAIT);
    assertThat(((CommandAccepted) accepted.envelope().data()).detail())
        .isEqualTo("replicas fixed at 2");
    var rejected =
        recorder.await(CommandRejected.class, r -> r.commandId().equals(tooMany.id()), WAIT);
    assertThat(((CommandRejected) rejected.envelope().data()).reason())
        .isEqualTo("replicas: 7 (expected: <= max=3; raise max first)");
    recorder.await(
        ScaleDecision.class, d -> d.mode() == ScaleMode.FIXED && d.desiredReplicas() == 2, WAIT);
    recorder.await(
        MetricsSnapshot.class,
        m -> web(m).readyReplicas() == 2 && web(m).desiredReplicas() == 2,
        WAIT);

    proxy.proxy().stop("test over");
    proxy = null;

    var stopping = recorder.await(ProxyStopping.class, s -> true, WAIT);
    await().atMost(WAIT).until(() -> recorder.of(BackendRemoved.class).size() == 2);
    List<EventRecorder.Received> events = recorder.all();
    assertThat(events.indexOf(stopping))
        .isLessThan(events.indexOf(recorder.of(BackendRemoved.class).getFirst()));
    assertThat(stopping.envelope().source()).isEqualTo("proxy-it");
  }

  private static ServiceMetrics web(MetricsSnapshot snapshot) {
    return snapshot.services().stream()
        .filter(s -> s.service().equals("web"))
        .findFirst()
        .orElseThrow();
  }
}
