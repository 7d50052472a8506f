package io.prescal.traffic.serve;

import io.prescal.traffic.plan.DurationText;
import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long the synthetic backend waits before answering: {@code fixed:10ms} (or just {@code 10ms}),
 * {@code uniform:5ms-20ms}, or {@code exp:10ms} (exponential with that mean, the shape of many real
 * services' latency), {@code 0} for none.
 *
 * @param kind "fixed", "uniform" or "exp"
 * @param a the fixed value, the lower bound, or the mean, in nanoseconds
 * @param b the upper bound of uniform, in nanoseconds (else equal to a)
 */
public record LatencyModel(String kind, long a, long b) {

  /** No delay. */
  public static final LatencyModel NONE = new LatencyModel("fixed", 0, 0);

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the text and the expected forms
   */
  public static LatencyModel parse(String text) {
    String t = text.trim().toLowerCase(java.util.Locale.ROOT);
    try {
      if (t.equals("0")) {
        return NONE;
      }
      if (t.startsWith("uniform:")) {
        String[] range = t.substring(8).split("-", 2);
        long lo = nanos(range[0]);
        long hi = nanos(range[1]);
        if (hi < lo) {
          throw new IllegalArgumentException("upper bound below lower bound");
        }
        return new LatencyModel("uniform", lo, hi);
      }
      if (t.startsWith("exp:")) {
        long mean = nanos(t.substring(4));
        return new LatencyModel("exp", mean, mean);
      }
      long fixed = nanos(t.startsWith("fixed:") ? t.substring(6) : t);
      return new LatencyModel("fixed", fixed, fixed);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a latency (expected: 10ms, fixed:10ms, uniform:5ms-20ms or exp:10ms)");
    }
  }

  private static long nanos(String text) {
    return DurationText.parse(text).toNanos();
  }

  /** The next delay in nanoseconds. */
  public long next(RandomGenerator random) {
    return switch (kind) {
      case "uniform" -> a == b ? a : random.nextLong(a, b + 1);
      case "exp" -> (long) (-Math.log(1 - random.nextDouble()) * a);
      default -> a;
    };
  }

  /** The model for a fixed {@code delay}. */
  public static LatencyModel fixed(Duration delay) {
    return new LatencyModel("fixed", delay.toNanos(), delay.toNanos());
  }
}
