package io.prescal.event.api;

import io.prescal.common.history.HistoryPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups history points into wider steps: rates are averaged (the error rate weighted by request
 * rate), latencies take the worst point of the step (percentiles cannot be merged without their
 * histograms, and the worst is what an operator must not miss), gauges the last point's.
 */
final class Downsampling {

  private Downsampling() {}

  static List<HistoryPoint> apply(List<HistoryPoint> points, long stepMillis, long resolution) {
    if (stepMillis <= resolution || points.isEmpty()) {
      return points;
    }
    List<HistoryPoint> out = new ArrayList<>();
    List<HistoryPoint> bucket = new ArrayList<>();
    long bucketStart = Long.MIN_VALUE;
    for (HistoryPoint p : points) {
      long start = Math.floorDiv(p.time(), stepMillis) * stepMillis;
      if (start != bucketStart && !bucket.isEmpty()) {
        out.add(merge(bucketStart, bucket));
        bucket.clear();
      }
      bucketStart = start;
      bucket.add(p);
    }
    out.add(merge(bucketStart, bucket));
    return out;
  }

  private static HistoryPoint merge(long start, List<HistoryPoint> bucket) {
    double rate = 0;
    double errors = 0;
    double p50 = 0;
    double p99 = 0;
    for (HistoryPoint p : bucket) {
      rate += p.requestRate();
      errors += p.errorRate() * p.requestRate();
      p50 = Math.max(p50, p.p50Millis());
      p99 = Math.max(p99, p.p99Millis());
    }
    HistoryPoint last = bucket.getLast();
    return new HistoryPoint(
        start,
        rate / bucket.size(),
        rate == 0 ? 0 : errors / rate,
        p50,
        p99,
        last.readyReplicas(),
        last.desiredReplicas(),
        last.inFlight(),
        last.queueLength());
  }
}
