package io.prescal.traffic.plan;

import java.time.Duration;
import java.util.List;

/**
 * The planned request rate over time for the open model: stages one after another. The last stage's
 * end rate holds when a run is longer than the profile.
 */
public record RateProfile(List<Stage> stages) {
  public RateProfile {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("profile: no stage (expected: at least one)");
    }
    stages = List.copyOf(stages);
  }

  /** A constant rate. */
  public static RateProfile constant(double rate) {
    return new RateProfile(List.of(Stage.hold(rate, Duration.ofDays(365))));
  }

  /** The sum of the stages' durations. */
  public Duration duration() {
    return stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
  }

  /** The planned rate {@code nanos} after the start. */
  public double rateAt(long nanos) {
    long start = 0;
    for (Stage stage : stages) {
      long end = start + stage.duration().toNanos();
      if (nanos < end) {
        return stage.rateAt(nanos - start);
      }
      start = end;
    }
    return stages.getLast().toRate();
  }

  /** Requests planned in the first {@code nanos} of the profile. */
  public double plannedRequests(long nanos) {
    double total = 0;
    long start = 0;
    for (Stage stage : stages) {
      long length = stage.duration().toNanos();
      if (nanos <= start) {
        break;
      }
      long in = Math.min(length, nanos - start);
      double endRate = stage.rateAt(in);
      total += (stage.fromRate() + endRate) / 2 * (in / 1e9);
      start += length;
    }
    if (nanos > start) {
      total += stages.getLast().toRate() * ((nanos - start) / 1e9);
    }
    return total;
  }

  /** The highest rate any stage plans. */
  public double peakRate() {
    return stages.stream().mapToDouble(s -> Math.max(s.fromRate(), s.toRate())).max().orElse(0);
  }

  /** Starting points (nanos after the start) of stages that raise the rate at once, by kind. */
  public List<Long> loadSteps() {
    List<Long> steps = new java.util.ArrayList<>();
    long start = 0;
    double previous = 0;
    for (Stage stage : stages) {
      if (start > 0 && stage.fromRate() > previous * 1.001 && stage.fromRate() - previous >= 1) {
        steps.add(start);
      }
      start += stage.duration().toNanos();
      previous = stage.toRate();
    }
    return steps;
  }

  /**
   * The intended send times of one share of the profile: a worker that takes {@code 1/shares} of
   * the requests, offset by {@code phase/shares} of a request so that shares interleave.
   */
  public Schedule schedule(int shares, int phase) {
    return new Schedule(this, shares, phase);
  }
}
