package io.prescal.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.prescal.common.Channels;
import io.prescal.common.codec.CommandSigner;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.Command;
import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.CommandRejected;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ScaleCommand;
import io.prescal.testing.EventRecorder;
import io.prescal.testing.EventSamples;
import io.prescal.testing.RedisExtension;
import io.prescal.testing.RequiresDocker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The publisher and the command listener against a real Redis. */
@RequiresDocker
class RedisEventPipelineIT {

  private static final String SECRET = "it-secret-of-at-least-16-bytes";
  private static final Duration WAIT = Duration.ofSeconds(10);

  @RegisterExtension static final RedisExtension REDIS = new RedisExtension("events");

  private static String uri;
  private final EventCodec codec = new EventCodec();
  private RedisEventPipeline pipeline;
  private EventRecorder recorder;

  @BeforeAll
  static void startRedis() {
    uri = REDIS.uri();
  }

  @AfterEach
  void closeAll() {
    if (pipeline != null) {
      pipeline.close();
    }
    if (recorder != null) {
      recorder.close();
    }
  }

  @Test
  void eventsAndOneMetricsSnapshotPerIntervalReachTheirChannels() {
    recorder = new EventRecorder(uri, Channels.EVENTS, Channels.METRICS);
    List<Long> intervals = new CopyOnWriteArrayList<>();
    MetricsSnapshot sample = (MetricsSnapshot) EventSamples.data(EventType.METRICS);
    MetricsSource source =
        intervalMillis -> {
          intervals.add(intervalMillis);
          return new MetricsSnapshot(intervalMillis, sample.services());
        };
    pipeline =
        RedisEventPipeline.start(
            RedisSettings.of(uri)
                .withInstanceId("proxy-it")
                .withMetricsInterval(Duration.ofMillis(200)),
            source,
            (service, command) -> "ok");

    pipeline.publish("web", new BackendReady("web-1", "127.0.0.1:9", 12));

    EventRecorder.Received ready =
        recorder.await(BackendReady.class, r -> r.backendId().equals("web-1"), WAIT);
    assertThat(ready.channel()).isEqualTo(Channels.EVENTS);
    assertThat(ready.envelope().source()).isEqualTo("proxy-it");
    assertThat(ready.envelope().service()).isEqualTo("web");

    await().atMost(WAIT).until(() -> recorder.of(MetricsSnapshot.class).size() >= 3);
    EventRecorder.Received metrics = recorder.of(MetricsSnapshot.class).getFirst();
    assertThat(metrics.channel()).isEqualTo(Channels.METRICS);
    assertThat(metrics.envelope().source()).isEqualTo("proxy-it");
    assertThat(((MetricsSnapshot) metrics.envelope().data()).services())
        .isEqualTo(sample.services());
    assertThat(intervals).allSatisfy(i -> assertThat(i).isBetween(100L, 2_000L));
    assertThat(pipeline.stats().published()).isGreaterThanOrEqualTo(4);
    assertThat(pipeline.stats().dropped()).isZero();
  }

  @Test
  void signedCommandsAreAppliedAndAcknowledgedAndEveryOtherOneIsRejectedWithAReason() {
    recorder = new EventRecorder(uri, Channels.EVENTS);
    List<String> applied = new CopyOnWriteArrayList<>();
    CommandHandler handler =
        (service, command) -> {
          if (command instanceof ScaleCommand s && s.replicas() > 10) {
            throw new CommandHandler.CommandRefusedException(
                "replicas " + s.replicas() + " over max 10");
          }
          applied.add(service + ": " + command.describe());
          return service + " fixed at " + ((ScaleCommand) command).replicas();
        };
    pipeline =
        RedisEventPipeline.start(
            RedisSettings.of(uri).withInstanceId("proxy-cmd").withCommandSecret(SECRET),
            intervalMillis -> new MetricsSnapshot(intervalMillis, List.of()),
            handler);
    await().atMost(WAIT).until(() -> pipeline.stats().subscribed());
    CommandSigner signer = new CommandSigner(SECRET, codec);

    try (RedisClient client = RedisClient.create(uri);
        StatefulRedisConnection<String, String> dashboard = client.connect()) {
      Envelope valid = signer.sign(command(new ScaleCommand(3, "ops"), Instant.now()));
      dashboard.sync().publish(Channels.COMMANDS, codec.encode(valid));
      EventRecorder.Received accepted =
          recorder.await(CommandAccepted.class, a -> a.commandId().equals(valid.id()), WAIT);
      assertThat((CommandAccepted) accepted.envelope().data())
          .isEqualTo(new CommandAccepted(valid.id(), "command.scale", "web fixed at 3"));
      assertThat(accepted.envelope().service()).isEqualTo("web");
      assertThat(applied).containsExactly("web: scale to 3");

      Envelope unsigned = command(new ScaleCommand(4, "ops"), Instant.now());
      Envelope foreign =
          new CommandSigner("not-the-proxys-secret-16", codec)
              .sign(command(new ScaleCommand(5, "ops"), Instant.now()));
      Envelope stale =
          signer.sign(command(new ScaleCommand(6, "ops"), Instant.now().minusSeconds(120)));
      Envelope refused = signer.sign(command(new ScaleCommand(30, "ops"), Instant.now()));
      dashboard.sync().publish(Channels.COMMANDS, codec.encode(unsigned));
      dashboard.sync().publish(Channels.COMMANDS, codec.encode(foreign));
      dashboard.sync().publish(Channels.COMMANDS, codec.encode(stale));
      dashboard.sync().publish(Channels.COMMANDS, codec.encode(valid)); // replayed
      dashboard.sync().publish(Channels.COMMANDS, codec.encode(refused));
      dashboard.sync().publish(Channels.COMMANDS, "{\"schema\":");

      assertThat(rejection(unsigned.id())).startsWith("unsigned command");
      assertThat(rejection(foreign.id())).startsWith("bad signature");
      assertThat(rejection(stale.id())).startsWith("stale command");
      assertThat(rejection(valid.id())).startsWith("replayed command");
      assertThat(rejection(refused.id())).isEqualTo("replicas 30 over max 10");
      assertThat(rejection("unknown")).startsWith("malformed command: message: not JSON");
    }
    assertThat(applied).containsExactly("web: scale to 3");
  }

  @Test
  void withoutASecretCommandsAreRejectedAndNeverApplied() {
    recorder = new EventRecorder(uri, Channels.EVENTS);
    AtomicLong calls = new AtomicLong();
    pipeline =
        RedisEventPipeline.start(
            RedisSettings.of(uri).withInstanceId("proxy-open"),
            intervalMillis -> new MetricsSnapshot(intervalMillis, List.of()),
            (service, command) -> {
              calls.incrementAndGet();
              return "done";
            });
    await().atMost(WAIT).until(() -> pipeline.stats().subscribed());
    Envelope signed =
        new CommandSigner(SECRET, codec).sign(command(new ScaleCommand(2, "ops"), Instant.now()));
    try (RedisClient client = RedisClient.create(uri);
        StatefulRedisConnection<String, String> dashboard = client.connect()) {
      dashboard.sync().publish(Channels.COMMANDS, codec.encode(signed));
    }
    assertThat(rejection(signed.id())).contains("no command secret is configured");
    assertThat(calls).hasValue(0);
  }

  private static Envelope command(Command command, Instant time) {
    return Envelope.of("dashboard", "web", command, time);
  }

  private String rejection(String commandId) {
    EventRecorder.Received r =
        recorder.await(CommandRejected.class, c -> c.commandId().equals(commandId), WAIT);
    return ((CommandRejected) r.envelope().data()).reason();
  }
}
