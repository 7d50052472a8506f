package io.prescal.traffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.traffic.ExitCode;
import io.prescal.traffic.testing.Cli;
import io.prescal.traffic.testing.LoopbackServer;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code capacity}: finds the highest rate that meets the objective against a server that
 * saturates.
 */
class CapacityTest {

  /**
   * Answers at once below 280 req/s, after 600 ms above it (far beyond the noise of a busy
   * machine). The rate is counted over the last second, so the generator catching up after a pause
   * (a burst) does not look like more load.
   */
  private static LoopbackServer.Delay saturatingAt280() {
    Deque<Long> recent = new ArrayDeque<>();
    long window = TimeUnit.SECONDS.toNanos(1);
    return arrival -> {
      synchronized (recent) {
        recent.addLast(arrival);
        while (arrival - recent.peekFirst() > window) {
          recent.removeFirst();
        }
        return recent.size() > 280 ? TimeUnit.MILLISECONDS.toNanos(600) : 0;
      }
    };
  }

  @Test
  void reportsTheHighestRateThatMeetsTheObjective() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(saturatingAt280())) {
      Cli.Run run =
          Cli.run(
              "capacity",
              server.url(),
              "--slo",
              "p99<300ms",
              "--start",
              "100",
              "--factor",
              "2",
              "--refine",
              "1",
              "--step-duration",
              "2s",
              "--warmup",
              "1s",
              "--max-lag",
              "1h");

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
      assertThat(run.out())
          .containsPattern("100 req/s: .* meets")
          .containsPattern("200 req/s: .* meets")
          .containsPattern("400 req/s: .* breaches")
          .containsPattern("300 req/s: .* breaches")
          .contains("capacity: 200 req/s meets \"p99<300ms\"");
    }
  }

  @Test
  void saysSoWhenNoRateMeetsIt() throws Exception {
    try (LoopbackServer server =
        LoopbackServer.start(arrival -> TimeUnit.MILLISECONDS.toNanos(20))) {
      Cli.Run run =
          Cli.run(
              "capacity",
              server.url(),
              "--slo",
              "p99<5ms",
              "--start",
              "50",
              "--step-duration",
              "1s",
              "--warmup",
              "0s",
              "--max-lag",
              "1h");

      assertThat(run.exit()).isEqualTo(ExitCode.SLO_BREACHED);
      assertThat(run.out()).contains("capacity: no rate tried met \"p99<5ms\"");
    }
  }
}
