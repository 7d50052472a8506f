package io.prescal.traffic.plan;

import java.util.List;

/**
 * Intended send times, in nanoseconds after the start, of one share of a {@link RateProfile}.
 * Request j of a share is due when the profile's cumulative count, divided by the number of shares,
 * reaches {@code j + phase/shares}: the same plan as wrk2's, with ramps solved exactly (a linear
 * rate has a quadratic cumulative count). Not thread-safe: one worker owns it.
 */
public final class Schedule {

  private final List<Stage> stages;
  private final double scale;
  private final double phase;
  private int stage;
  private double countAtStage;
  private long nanosAtStage;
  private long next;

  Schedule(RateProfile profile, int shares, int phase) {
    this.stages = profile.stages();
    this.scale = 1.0 / shares;
    this.phase = phase / (double) shares;
  }

  /** The intended time of the next request, or -1 once the profile has no more. */
  public long next() {
    double target = next + phase;
    while (stage < stages.size()) {
      Stage s = stages.get(stage);
      double inStage = s.requests() * scale;
      if (target < countAtStage + inStage) {
        next++;
        return nanosAtStage + solve(s, target - countAtStage);
      }
      countAtStage += inStage;
      nanosAtStage += s.duration().toNanos();
      stage++;
    }
    return -1;
  }

  /** Requests handed out so far. */
  public long issued() {
    return next;
  }

  /** Nanoseconds into stage {@code s} at which its cumulative (scaled) count reaches {@code n}. */
  private long solve(Stage s, double n) {
    double a = s.fromRate() * scale;
    double b = s.toRate() * scale;
    double seconds = s.seconds();
    double t;
    if (Math.abs(b - a) < 1e-9) {
      t = n / a;
    } else {
      double k = (b - a) / (2 * seconds);
      t = (-a + Math.sqrt(Math.max(0, a * a + 4 * k * n))) / (2 * k);
    }
    return (long) (Math.min(t, seconds) * 1e9);
  }
}
