package io.prescal.traffic.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.traffic.net.Transport;
import io.prescal.traffic.plan.RateProfile;
import io.prescal.traffic.report.Latency;
import io.prescal.traffic.report.ScheduleCheck;
import io.prescal.traffic.testing.LoopbackServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The open model's schedule lag is the generator's own lateness: a generator held up (here its
 * event loop is blocked, as a descheduled thread or a GC pause would) shows it for every request
 * planned meanwhile, including those that then found no idle connection.
 */
class ScheduleLagTest {

  private static final long STALL_MILLIS = 300;

  @Test
  void aStalledGeneratorShowsItsStallInTheLagOfEveryRequestPlannedDuringIt() throws Exception {
    try (LoopbackServer server = LoopbackServer.start()) {
      LoadPlan plan =
          new LoadPlan(
              List.of(Target.of(server.url() + "/", RequestSpec.get())),
              1,
              2,
              1000,
              RateProfile.constant(1000),
              Duration.ofSeconds(2),
              0,
              Duration.ZERO,
              Duration.ofSeconds(5),
              Duration.ofSeconds(10),
              null,
              Transport.best(),
              Wire.http1());
      Histogram lag = WorkerStats.newHistogram();
      long sent = 0;
      long unsent = 0;
      try (LoadRun run = LoadRun.start(plan)) {
        Worker worker = run.workers().getFirst();
        CountDownLatch stalled = new CountDownLatch(1);
        // Half a second in, the generator's thread stops for 300 ms.
        worker.loop.schedule(
            () -> {
              sleep(STALL_MILLIS);
              stalled.countDown();
            },
            run.clock().startNanos() + TimeUnit.MILLISECONDS.toNanos(500) - System.nanoTime(),
            TimeUnit.NANOSECONDS);
        assertThat(stalled.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.awaitFinished(Duration.ofSeconds(30))).isTrue();
        Interval iv = run.collect();
        lag.add(iv.lag());
        sent = iv.count(Counter.SENT);
        unsent = iv.count(Counter.UNSENT);
      }

      // 2,000 planned: each is sent or unsent and has a lag.
      assertThat(sent + unsent).isBetween(1999L, 2001L);
      assertThat(lag.getTotalCount()).isEqualTo(sent + unsent);
      // About 300 requests (15%) were planned during the stall: late by up to 300 ms.
      long stallMicros = TimeUnit.MILLISECONDS.toMicros(STALL_MILLIS);
      assertThat(lag.getValueAtPercentile(99)).isGreaterThan(stallMicros / 2);
      assertThat(lag.getMaxValue()).isGreaterThanOrEqualTo(stallMicros * 9 / 10);
      ScheduleCheck check = ScheduleCheck.of(2000, sent, 0, unsent, Latency.of(lag), 5_000);
      assertThat(check.valid()).isFalse();
      assertThat(check.verdict()).startsWith("NOT VALID: the generator was the bottleneck");
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
