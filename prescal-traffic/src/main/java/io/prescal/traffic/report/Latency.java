package io.prescal.traffic.report;

import org.HdrHistogram.Histogram;

/**
 * A latency distribution's figures, in microseconds.
 *
 * @param count values recorded
 * @param mean the mean
 * @param p50 the median
 * @param p90 90th percentile
 * @param p99 99th percentile
 * @param p999 99.9th percentile
 * @param p9999 99.99th percentile
 * @param max the largest value
 */
public record Latency(
    long count, double mean, long p50, long p90, long p99, long p999, long p9999, long max) {

  /** The figures of {@code h} (all zero when empty). */
  public static Latency of(Histogram h) {
    if (h.getTotalCount() == 0) {
      return new Latency(0, 0, 0, 0, 0, 0, 0, 0);
    }
    return new Latency(
        h.getTotalCount(),
        h.getMean(),
        h.getValueAtPercentile(50),
        h.getValueAtPercentile(90),
        h.getValueAtPercentile(99),
        h.getValueAtPercentile(99.9),
        h.getValueAtPercentile(99.99),
        h.getMaxValue());
  }

  /** The value at {@code percentile} of this summary's fixed points, or -1 if not one of them. */
  public long at(double percentile) {
    if (percentile == 50) {
      return p50;
    } else if (percentile == 90) {
      return p90;
    } else if (percentile == 99) {
      return p99;
    } else if (percentile == 99.9) {
      return p999;
    } else if (percentile == 99.99) {
      return p9999;
    } else if (percentile == 100) {
      return max;
    }
    return -1;
  }
}
