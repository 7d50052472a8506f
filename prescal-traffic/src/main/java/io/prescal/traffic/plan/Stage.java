package io.prescal.traffic.plan;

import java.time.Duration;

/**
 * One stretch of an open-model profile: the planned rate goes linearly from {@code fromRate} to
 * {@code toRate} over {@code duration} (equal rates hold it).
 *
 * @param kind what the user wrote: "ramp", "hold", "step" or "spike" (shown on the timeline)
 * @param fromRate requests per second at the start
 * @param toRate requests per second at the end
 * @param duration how long the stage lasts
 */
public record Stage(String kind, double fromRate, double toRate, Duration duration) {
  public Stage {
    if (fromRate < 0 || toRate < 0) {
      throw new IllegalArgumentException(
          kind + ": rate " + Math.min(fromRate, toRate) + "/s (expected: >= 0)");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(kind + ": duration " + duration + " (expected: > 0)");
    }
  }

  /** A constant rate for {@code duration}. */
  public static Stage hold(double rate, Duration duration) {
    return new Stage("hold", rate, rate, duration);
  }

  /** Seconds the stage lasts. */
  public double seconds() {
    return duration.toNanos() / 1e9;
  }

  /** Requests the stage plans. */
  public double requests() {
    return (fromRate + toRate) / 2 * seconds();
  }

  /** The planned rate {@code nanos} into the stage. */
  public double rateAt(long nanos) {
    return fromRate + (toRate - fromRate) * Math.min(1.0, nanos / (double) duration.toNanos());
  }
}
