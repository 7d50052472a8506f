package io.prescal.traffic.report;

import io.prescal.traffic.engine.BackendTally.BackendFigures;
import io.prescal.traffic.engine.ConnectFigures;
import io.prescal.traffic.engine.Counter;
import io.prescal.traffic.engine.ErrorClass;
import io.prescal.traffic.engine.Interval;
import io.prescal.traffic.engine.LoadPlan;
import io.prescal.traffic.engine.RunClock;
import io.prescal.traffic.engine.WorkerStats;
import io.prescal.traffic.events.EventMark;
import io.prescal.traffic.events.PhaseAnalysis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * Turns the intervals of a run into its {@link RunResult}: totals, the per-second timeline, the
 * schedule self-check, and (with events) the phases around scale events. Fed from one thread.
 */
public final class RunRecorder {

  private final LoadPlan plan;
  private final RunClock clock;
  private final Instant measureStart;
  private final long maxLagMicros;
  private final Histogram latency = WorkerStats.newHistogram();
  private final Histogram uncorrected = WorkerStats.newHistogram();
  private final Histogram lag = WorkerStats.newHistogram();
  private final long[] counters = new long[Counter.values().length];
  private final long[] statuses = new long[WorkerStats.statusSlots()];
  private final List<TimelinePoint> timeline = new ArrayList<>();
  private final List<SecondSample> samples = new ArrayList<>();

  /**
   * @param plan the run's plan
   * @param clock the run's time marks
   * @param measureStart wall-clock time of {@link RunClock#measureNanos()}
   * @param maxLagMicros schedule lag p99 over which an open-model run is not valid
   */
  public RunRecorder(LoadPlan plan, RunClock clock, Instant measureStart, long maxLagMicros) {
    this.plan = plan;
    this.clock = clock;
    this.measureStart = measureStart;
    this.maxLagMicros = maxLagMicros;
  }

  /**
   * Adds one interval collected at the tick planned for {@code tickNanos}; returns its timeline
   * point, or null for a warm-up tick. Totals take every interval: only measured requests are ever
   * recorded, so a tick collected late after warm-up loses nothing.
   */
  public TimelinePoint accept(Interval iv, long tickNanos) {
    latency.add(iv.corrected());
    uncorrected.add(iv.uncorrected());
    lag.add(iv.lag());
    for (int i = 0; i < counters.length; i++) {
      counters[i] += iv.counters()[i];
    }
    for (int i = 0; i < statuses.length; i++) {
      statuses[i] += iv.statuses()[i];
    }
    if (tickNanos - clock.measureNanos() <= 0) {
      return null;
    }
    long sinceMeasure = tickNanos - clock.measureNanos();
    // Regular ticks fall on whole seconds; the last, partial one ends its second.
    int second = (int) Math.ceil(sinceMeasure / 1e9 - 1e-6);
    double planned = plan.open() ? plan.profile().rateAt(sinceMeasure) : 0;
    double seconds = Math.min(iv.seconds(), sinceMeasure / 1e9);
    TimelinePoint point =
        new TimelinePoint(
            second,
            measureStart.toEpochMilli() + sinceMeasure / 1_000_000,
            planned,
            iv.count(Counter.SENT),
            iv.count(Counter.COMPLETED),
            seconds <= 0 ? 0 : iv.count(Counter.COMPLETED) / seconds,
            iv.errors(),
            Latency.of(iv.corrected()),
            Latency.of(iv.uncorrected()).p99(),
            Latency.of(iv.lag()).p99(),
            iv.inFlight(),
            iv.connections(),
            List.of());
    timeline.add(point);
    samples.add(
        SecondSample.of(
            second,
            seconds,
            iv.finished(),
            iv.count(Counter.COMPLETED),
            iv.errors(),
            iv.corrected()));
    return point;
  }

  /** The whole latency from the intended send time, so far. */
  public Histogram latency() {
    return latency;
  }

  /**
   * The result, measured over {@code seconds}, with {@code marks}, {@code backends} and how the
   * connections were made.
   */
  public RunResult result(
      double seconds,
      List<EventMark> marks,
      Map<String, BackendFigures> backends,
      ConnectFigures connections) {
    long completed = counters[Counter.COMPLETED.ordinal()];
    Map<String, Long> errors = new LinkedHashMap<>();
    long failed = 0;
    for (ErrorClass e : ErrorClass.values()) {
      long n = counters[Counter.of(e).ordinal()];
      errors.put(e.label(), n);
      failed += n;
    }
    long requests = failed - errors.get(ErrorClass.BAD_STATUS.label()) + completed;
    Map<String, Long> codes = new TreeMap<>();
    for (int i = 0; i < statuses.length; i++) {
      if (statuses[i] > 0) {
        codes.put(Integer.toString(i), statuses[i]);
      }
    }
    Map<String, RunResult.BackendSummary> perBackend = new TreeMap<>();
    backends.forEach(
        (name, f) ->
            perBackend.put(
                name,
                new RunResult.BackendSummary(f.requests(), f.errors(), Latency.of(f.latency()))));
    PhaseAnalysis analysis = new PhaseAnalysis(samples, marks, seconds);
    return new RunResult(
        plan.open() ? "open" : "closed",
        plan.targets().stream().map(t -> t.url()).toList(),
        plan.transport().name(),
        plan.threads(),
        plan.connections(),
        plan.maxConnections(),
        plan.targets().stream()
            .map(t -> plan.wire().protocolOf(t))
            .distinct()
            .collect(Collectors.joining(", ")),
        plan.wire().streams(),
        seconds,
        requests,
        completed,
        seconds <= 0 ? 0 : completed / seconds,
        counters[Counter.BYTES_READ.ordinal()],
        Latency.of(latency),
        Latency.of(uncorrected),
        codes,
        errors,
        requests == 0 ? 0 : (double) failed / requests,
        ConnectSummary.of(
            connections, plan.wire().tls() == null ? null : plan.wire().tls().engine()),
        plan.open() ? scheduleCheck(seconds) : null,
        perBackend,
        withEvents(marks),
        marks,
        analysis.phases(),
        plan.open() ? analysis.steps(steps(seconds)) : List.of(),
        null);
  }

  private List<double[]> steps(double seconds) {
    List<double[]> out = new ArrayList<>();
    for (long at : plan.profile().loadSteps()) {
      if (at / 1e9 < seconds) {
        out.add(new double[] {at / 1e9, plan.profile().rateAt(at - 1), plan.profile().rateAt(at)});
      }
    }
    return out;
  }

  private ScheduleCheck scheduleCheck(double seconds) {
    long planned = Math.round(plan.profile().plannedRequests((long) (seconds * 1e9)));
    if (plan.requests() > 0) {
      planned = Math.min(planned, plan.requests());
    }
    return ScheduleCheck.of(
        planned,
        counters[Counter.SENT.ordinal()],
        counters[Counter.LATE.ordinal()],
        counters[Counter.UNSENT.ordinal()],
        Latency.of(lag),
        maxLagMicros);
  }

  private List<TimelinePoint> withEvents(List<EventMark> marks) {
    if (marks.isEmpty()) {
      return List.copyOf(timeline);
    }
    List<TimelinePoint> out = new ArrayList<>(timeline.size());
    int previous = 0;
    for (TimelinePoint p : timeline) {
      int from = previous;
      List<String> here =
          marks.stream()
              .filter(
                  m ->
                      m.second() > from && m.second() <= p.second() || from == 0 && m.second() <= 0)
              .map(EventMark::summary)
              .toList();
      out.add(p.withEvents(here));
      previous = p.second();
    }
    return out;
  }
}
