package io.prescal.traffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.traffic.ExitCode;
import io.prescal.traffic.testing.Cli;
import io.prescal.traffic.testing.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The open model: the planned rate is kept, and a stalled server shows in the corrected latency.
 */
class OpenModelTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  @TempDir Path dir;

  @Test
  void keepsThePlannedRate() throws Exception {
    try (LoopbackServer server = LoopbackServer.start()) {
      Path json = dir.resolve("run.json");
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "--rate",
              "500/s",
              "-d",
              "4s",
              "--warmup",
              "1s",
              "-t",
              "2",
              "-c",
              "4",
              "--max-lag",
              "1s",
              "--json",
              json.toString(),
              server.url());

      JsonNode schedule = JSON.readTree(Files.readString(json)).get("schedule");
      long sent = schedule.get("sent").asLong();
      assertThat(schedule.get("planned").asLong()).isEqualTo(2000);
      // Every planned request is accounted for: sent, or reported unsent.
      assertThat(sent + schedule.get("unsent").asLong()).isBetween(1999L, 2001L);
      // The generator keeps to the plan, or says it did not (a machine too busy to keep up).
      if (run.exit() == ExitCode.OK) {
        assertThat(sent).as(run.out()).isBetween(1980L, 2001L);
      } else {
        assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.INVALID_RUN);
        assertThat(run.out()).contains("NOT VALID");
      }
      // Warm-up requests reach the server but count in no figure: the warm-up ramps from 50/s to
      // 500/s in 0.5 s (137.5 requests), then holds 500/s for 0.5 s (250).
      assertThat(server.requests() - sent).isBetween(380L, 395L);
    }
  }

  @Test
  void sendsExactlyTheRequestedCountAtARate() throws Exception {
    try (LoopbackServer server = LoopbackServer.start()) {
      Path json = dir.resolve("run.json");
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "--rate",
              "1000",
              "-n",
              "700",
              // Counts are the point here, not whether a cold JVM on a busy machine kept time.
              "--max-lag",
              "1h",
              "--json",
              json.toString(),
              server.url());

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
      assertThat(server.requests()).as(run.out()).isEqualTo(700);
      assertThat(JSON.readTree(Files.readString(json)).get("completed").asLong())
          .as(run.out())
          .isEqualTo(700);
    }
  }

  @Test
  void aOneSecondStallShowsInTheCorrectedP99AndNotInTheUncorrectedOne() throws Exception {
    AtomicLong first = new AtomicLong();
    long stallFrom = TimeUnit.MILLISECONDS.toNanos(2500);
    long stallTo = TimeUnit.MILLISECONDS.toNanos(3500);
    LoopbackServer.Delay stall =
        arrival -> {
          first.compareAndSet(0, arrival);
          long t = arrival - first.get();
          return t >= stallFrom && t < stallTo ? stallTo - t : 0;
        };
    try (LoopbackServer server = LoopbackServer.start(stall)) {
      Path json = dir.resolve("run.json");
      // One connection, as wrk2's demonstration: requests planned during the stall wait for it.
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "--rate",
              "200",
              "-d",
              "5s",
              "--warmup",
              "1s",
              "-c",
              "1",
              "--max-connections",
              "1",
              // The stall is the server's; whether the machine let the generator keep time is not
              // what this test is about.
              "--max-lag",
              "1h",
              "--json",
              json.toString(),
              server.url());

      JsonNode r = JSON.readTree(Files.readString(json));
      assertThat(run.exit()).as(run.out()).isEqualTo(ExitCode.OK);
      assertThat(r.get("latency").get("p99").asLong()).isGreaterThan(700_000);
      assertThat(r.get("uncorrected").get("p99").asLong()).isLessThan(500_000);
      assertThat(r.get("uncorrected").get("max").asLong()).isGreaterThan(700_000);
      JsonNode schedule = r.get("schedule");
      assertThat(schedule.get("late").asLong()).isGreaterThan(100);
      // Every planned request's lag is measured, those that waited out the stall included; their
      // wait for the one connection is the server's doing, not the generator's lateness.
      assertThat(schedule.get("lag").get("count").asLong())
          .isEqualTo(schedule.get("sent").asLong() + schedule.get("unsent").asLong());
      assertThat(run.out()).contains("Latency (from intended send time)").contains("late ");
    }
  }
}
