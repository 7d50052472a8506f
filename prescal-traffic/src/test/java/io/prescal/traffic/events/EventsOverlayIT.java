package io.prescal.traffic.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.prescal.common.Channels;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendKind;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.PrescalEvent;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleInputs;
import io.prescal.common.event.ScaleMode;
import io.prescal.testing.RedisContainers;
import io.prescal.testing.RequiresDocker;
import io.prescal.traffic.ExitCode;
import io.prescal.traffic.testing.Cli;
import io.prescal.traffic.testing.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Scale events published on a real Redis during a run land on the timeline and in the report, with
 * phases around the scale decision and the time from the load step to the new capacity.
 */
@RequiresDocker
@Testcontainers
class EventsOverlayIT {

  @Container static final GenericContainer<?> REDIS = RedisContainers.redis();

  @TempDir Path dir;

  private final EventCodec codec = new EventCodec();

  @Test
  void scaleEventsAppearOnTheTimelineWithPhasesAndTimeToCapacity() throws Exception {
    Path json = dir.resolve("run.json");
    Path html = dir.resolve("run.html");
    RedisClient client = RedisClient.create(RedisContainers.uri(REDIS));
    // The run's t=0 is when its first request reaches the server: the JVM, Redis and the event
    // loops take a while to start on a busy machine, so offsets from the test's launch would drift.
    AtomicLong firstArrival = new AtomicLong();
    LoopbackServer.Delay anchor =
        arrival -> {
          firstArrival.compareAndSet(0, arrival);
          return 0;
        };
    try (LoopbackServer server = LoopbackServer.start(anchor, "X-Prescal-Backend: web-1");
        StatefulRedisConnection<String, String> redis = client.connect()) {
      CompletableFuture<Cli.Run> run =
          CompletableFuture.supplyAsync(
              () ->
                  Cli.run(
                      "load",
                      "-q",
                      "--profile",
                      "hold 100/s 3s, hold 300/s 4s",
                      "--max-lag",
                      "1h",
                      "--events",
                      RedisContainers.uri(REDIS),
                      "--json",
                      json.toString(),
                      "--report",
                      html.toString(),
                      server.url()));
      ScaleInputs inputs = new ScaleInputs(1, 3, 100, 300, 1, 60_000, 6_000, 2, 1, 5);
      List<Object[]> plan = new ArrayList<>();
      plan.add(new Object[] {1.0, null});
      plan.add(
          new Object[] {
            3.7,
            new ScaleDecision(
                1, 1, 3, ScaleMode.PANIC, "panic: demand 3.0 is 3.0x capacity 1", inputs)
          });
      plan.add(
          new Object[] {
            4.0, new BackendAdded("web-2", "127.0.0.1:1", BackendKind.PROCESS, null, null)
          });
      plan.add(new Object[] {5.0, new BackendReady("web-2", "127.0.0.1:1", 1200)});
      plan.add(new Object[] {5.3, new BackendReady("web-3", "127.0.0.1:2", 1500)});
      long start =
          await()
              .atMost(Duration.ofSeconds(30))
              .until(firstArrival::get, t -> t != 0 || run.isDone());
      assertThat(start).as("the run sent nothing: %s", run.getNow(null)).isNotZero();
      for (Object[] step : plan) {
        long at = start + (long) ((double) step[0] * 1e9);
        Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(at - System.nanoTime())));
        String message =
            step[1] == null
                ? "{not json"
                : codec.encode(Envelope.of("proxy-1", "web", (PrescalEvent) step[1]));
        redis.sync().publish(Channels.EVENTS, message);
      }
      Cli.Run done = run.get(30, TimeUnit.SECONDS);

      assertThat(done.exit()).as(done.out() + done.err()).isEqualTo(ExitCode.OK);
      assertThat(done.out())
          .contains("Events:")
          .contains("scale 1 -> 3: panic: demand 3.0 is 3.0x capacity 1")
          .contains("backend web-2 ready")
          .contains("Load step at 3.0s (100 -> 300 req/s): capacity after");
      JsonNode r = JsonMapper.builder().build().readTree(Files.readString(json));
      assertThat(r.get("events").size()).isEqualTo(4);
      // The HTML report marks each event on each of its three charts, its text as the tooltip.
      String page = Files.readString(html);
      assertThat(page.split("<line class=\"event\"", -1)).hasSize(1 + 3 * 4);
      assertThat(page).contains("scale 1 -&gt; 3: panic: demand 3.0 is 3.0x capacity 1</title>");
      JsonNode phases = r.get("phases");
      assertThat(phases.size()).isEqualTo(3);
      assertThat(phases.get(0).get("name").asString()).isEqualTo("before");
      assertThat(phases.get(1).get("name").asString()).isEqualTo("during");
      assertThat(phases.get(2).get("name").asString()).isEqualTo("after");
      double scaleAt = phases.get(1).get("fromSecond").asDouble();
      double readyAt = phases.get(1).get("toSecond").asDouble();
      assertThat(readyAt - scaleAt).isBetween(0.8, 1.8);
      assertThat(phases.get(0).get("requests").asLong()).isPositive();
      assertThat(phases.get(2).get("requests").asLong()).isPositive();
      JsonNode step = r.get("steps").get(0);
      assertThat(step.get("second").asDouble()).isEqualTo(3.0);
      assertThat(step.get("secondsToCapacity").asDouble()).isBetween(0.5, 3.5);
      assertThat(step.get("backendsReady").asInt()).isEqualTo(2);
      long markedSeconds = 0;
      for (JsonNode point : r.get("timeline")) {
        markedSeconds += point.get("events").isEmpty() ? 0 : 1;
      }
      assertThat(markedSeconds).isBetween(2L, 4L);
      assertThat(r.get("backends").get("web-1").get("requests").asLong())
          .isEqualTo(r.get("completed").asLong());
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }
}
