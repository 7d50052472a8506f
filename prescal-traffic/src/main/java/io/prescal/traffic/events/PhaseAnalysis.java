package io.prescal.traffic.events;

import io.prescal.traffic.engine.WorkerStats;
import io.prescal.traffic.report.Latency;
import io.prescal.traffic.report.SecondSample;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.HdrHistogram.Histogram;

/**
 * Statistics around scale events and load steps, from the per-second samples of a run. Second
 * {@code s} covers (s-1, s]; a stretch [from, to) takes the samples whose middle falls in it.
 */
public final class PhaseAnalysis {

  private final List<SecondSample> samples;
  private final List<EventMark> marks;
  private final double end;

  /**
   * @param samples the run's seconds, in order
   * @param marks the events, in order of time
   * @param end the run's measured length in seconds
   */
  public PhaseAnalysis(List<SecondSample> samples, List<EventMark> marks, double end) {
    this.samples = samples;
    this.marks = marks;
    this.end = end;
  }

  /** Before, during and after each scale decision that changed the replica count. */
  public List<Phase> phases() {
    List<EventMark> scales = marks.stream().filter(EventMark::isScale).toList();
    List<Phase> out = new ArrayList<>();
    double previous = 0;
    for (int i = 0; i < scales.size(); i++) {
      EventMark scale = scales.get(i);
      double next = i + 1 < scales.size() ? scales.get(i + 1).second() : end;
      double settled = firstAfter(scale.second(), next, m -> m.isReady() || m.isRemoval(), next);
      out.add(phase(scale, "before", previous, scale.second()));
      out.add(phase(scale, "during", scale.second(), settled));
      out.add(phase(scale, "after", settled, next));
      previous = settled;
    }
    return out;
  }

  /** How the system answered each of {@code steps} (seconds) of a profile with these rates. */
  public List<StepResponse> steps(List<double[]> steps) {
    List<StepResponse> out = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      double at = steps.get(i)[0];
      double next = i + 1 < steps.size() ? steps.get(i + 1)[0] : end;
      double ready = firstAfter(at, next, EventMark::isReady, Double.NaN);
      int readyCount =
          (int)
              marks.stream()
                  .filter(m -> m.isReady() && m.second() >= at && m.second() < next)
                  .count();
      Latency baseline = stretch(Math.max(0, at - 5), at).latency();
      Double recovered = recovery(at, next, baseline.p99());
      out.add(
          new StepResponse(
              at,
              steps.get(i)[1],
              steps.get(i)[2],
              Double.isNaN(ready) ? null : ready - at,
              readyCount,
              recovered));
    }
    return out;
  }

  private Double recovery(double at, double next, long baselineP99) {
    if (baselineP99 == 0) {
      return null;
    }
    long bound = Math.max(2 * baselineP99, baselineP99 + 1000);
    for (SecondSample s : samples) {
      double middle = s.second() - s.seconds() / 2;
      if (middle >= at && middle < next && s.completed() > 0) {
        Histogram h = WorkerStats.newHistogram();
        s.addLatencyTo(h);
        if (h.getValueAtPercentile(99) <= bound) {
          return s.second() - at;
        }
      }
    }
    return null;
  }

  private double firstAfter(double from, double to, Predicate<EventMark> what, double otherwise) {
    return marks.stream()
        .filter(m -> m.second() >= from && m.second() < to && what.test(m))
        .mapToDouble(EventMark::second)
        .findFirst()
        .orElse(otherwise);
  }

  private Phase phase(EventMark scale, String name, double from, double to) {
    Phase p = stretch(from, to);
    return new Phase(
        scale.summary(), name, from, to, p.requests(), p.rate(), p.latency(), p.errors());
  }

  private Phase stretch(double from, double to) {
    Histogram latency = WorkerStats.newHistogram();
    long requests = 0;
    long completed = 0;
    long errors = 0;
    double seconds = 0;
    for (SecondSample s : samples) {
      double middle = s.second() - s.seconds() / 2;
      if (middle >= from && middle < to) {
        s.addLatencyTo(latency);
        requests += s.requests();
        completed += s.completed();
        errors += s.errors();
        seconds += s.seconds();
      }
    }
    double rate = seconds == 0 ? 0 : completed / seconds;
    return new Phase("", "", from, to, requests, rate, Latency.of(latency), errors);
  }
}
