package io.prescal.traffic.run;

import io.prescal.common.event.Envelope;
import io.prescal.traffic.engine.Counter;
import io.prescal.traffic.engine.Interval;
import io.prescal.traffic.engine.LoadPlan;
import io.prescal.traffic.engine.LoadRun;
import io.prescal.traffic.engine.RunClock;
import io.prescal.traffic.events.EventMark;
import io.prescal.traffic.events.EventWatcher;
import io.prescal.traffic.report.HdrLog;
import io.prescal.traffic.report.RunRecorder;
import io.prescal.traffic.report.RunResult;
import io.prescal.traffic.report.Slo;
import io.prescal.traffic.report.SloResult;
import io.prescal.traffic.report.TimelinePoint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one plan to its result: starts the engine, collects an interval every second (progress, HDR
 * log, timeline), waits for the last in-flight responses, and puts Prescal's events on the result.
 */
public final class LoadDriver {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final Progress progress;
  private final EventWatcher events;
  private final Path hdrLog;
  private final long maxLagMicros;

  /**
   * @param progress where live progress goes
   * @param events Prescal's events, or null
   * @param hdrLog the HdrHistogram log to write, or null
   * @param maxLagMicros schedule lag p99 over which an open-model run is not valid
   */
  public LoadDriver(Progress progress, EventWatcher events, Path hdrLog, long maxLagMicros) {
    this.progress = progress;
    this.events = events;
    this.hdrLog = hdrLog;
    this.maxLagMicros = maxLagMicros;
  }

  /** Runs {@code plan} and checks {@code slo} (null for none); the caller writes outputs. */
  public RunResult run(LoadPlan plan, Slo slo) throws IOException, InterruptedException {
    try (LoadRun run = LoadRun.start(plan)) {
      RunClock clock = run.clock();
      Instant measureStart = Instant.now().plusNanos(clock.measureNanos() - System.nanoTime());
      RunRecorder recorder = new RunRecorder(plan, clock, measureStart, maxLagMicros);
      long hardStop = clock.endNanos() + plan.requestTimeout().toNanos() + 2 * SECOND;
      long warmups = 0;
      long errors = 0;
      long completed = 0;
      try (HdrLog log = hdrLog == null ? null : new HdrLog(hdrLog, measureStart.toEpochMilli())) {
        long tick = clock.startNanos();
        boolean finished = false;
        while (!finished) {
          tick = nextTick(tick, clock);
          finished = run.awaitFinished(Duration.ofNanos(tick - System.nanoTime()));
          if (!finished && System.nanoTime() - hardStop > 0) {
            finished = true;
          }
          Interval iv = run.collect();
          warmups += iv.count(Counter.WARMUP);
          // The tick this interval belongs to: planned, or now when the run ended before it.
          long at = finished ? Math.min(System.nanoTime(), tick) : tick;
          TimelinePoint point = recorder.accept(iv, at);
          showEvents(measureStart);
          if (point == null) {
            progress.warmup((clock.measureNanos() - iv.toNanos()) / 1e9, warmups);
            continue;
          }
          errors += point.errors();
          completed += point.completed();
          if (log != null) {
            long to =
                measureStart.toEpochMilli() + (iv.toNanos() - clock.measureNanos()) / 1_000_000;
            log.interval(iv.corrected(), to - (long) (iv.seconds() * 1000), to);
          }
          progress.second(point, errors, fraction(plan, point, completed));
        }
        progress.done();
        long end = Math.min(System.nanoTime(), clock.endNanos());
        double seconds = Math.max(0, (end - clock.measureNanos()) / 1e9);
        if (run.aborted() != null) {
          throw new IllegalStateException(run.aborted());
        }
        RunResult result =
            recorder.result(
                seconds, marks(measureStart), run.backends().figures(), run.connectFigures());
        if (slo == null) {
          return result;
        }
        return result.withSlo(
            SloResult.check(
                slo, recorder.latency(), result.requests(), result.errorCount(), result.rate()));
      }
    }
  }

  private static long nextTick(long tick, RunClock clock) {
    long next = tick + SECOND;
    // One interval ends exactly when warm-up does, so no measured request falls in a warm-up one.
    if (tick - clock.measureNanos() < 0 && next - clock.measureNanos() > 0) {
      return clock.measureNanos();
    }
    return next;
  }

  private static double fraction(LoadPlan plan, TimelinePoint point, long completed) {
    if (plan.requests() > 0) {
      return completed / (double) plan.requests();
    }
    return point.second() / (plan.sendNanos() / 1e9);
  }

  private void showEvents(Instant measureStart) {
    if (events != null) {
      for (Envelope e : events.drainFresh()) {
        EventMark.of(e, measureStart).ifPresent(m -> progress.event(m.summary()));
      }
    }
  }

  private List<EventMark> marks(Instant measureStart) {
    List<EventMark> out = new ArrayList<>();
    if (events != null) {
      for (Envelope e : events.received()) {
        EventMark.of(e, measureStart).ifPresent(out::add);
      }
    }
    out.sort(java.util.Comparator.comparingDouble(EventMark::second));
    return out;
  }
}
