package io.prescal.proxy.scale;

import java.util.ArrayDeque;

/**
 * The load samples of one service over the stable window, and their averages over any narrower
 * window. Each sample covers an interval; averages weigh samples by how much of the window they
 * cover, and a window only partly covered (just after start) averages what it has.
 */
final class LoadHistory {

  /** Average load over a window: in-flight requests and requests per second. */
  record Average(double concurrency, double rate) {
    static final Average NONE = new Average(0, 0);

    /** The figure the autoscaler follows. */
    double metric(boolean followsRate) {
      return followsRate ? rate : concurrency;
    }
  }

  private record Sample(long startMillis, long endMillis, double concurrency, long requests) {}

  private final ArrayDeque<Sample> samples = new ArrayDeque<>();
  private final long keepMillis;

  LoadHistory(long keepMillis) {
    this.keepMillis = keepMillis;
  }

  /** Adds the load seen in [startMillis, endMillis); drops what fell out of the kept window. */
  void add(long startMillis, long endMillis, double concurrency, long requests) {
    if (endMillis > startMillis) {
      samples.addLast(
          new Sample(startMillis, endMillis, Math.max(0, concurrency), Math.max(0, requests)));
    }
    while (!samples.isEmpty() && samples.peekFirst().endMillis() <= endMillis - keepMillis) {
      samples.removeFirst();
    }
  }

  /** The average over [nowMillis - widthMillis, nowMillis). */
  Average average(long nowMillis, long widthMillis) {
    long from = nowMillis - widthMillis;
    double weighted = 0;
    double requests = 0;
    long covered = 0;
    for (Sample s : samples) {
      long overlap = Math.min(s.endMillis(), nowMillis) - Math.max(s.startMillis(), from);
      if (overlap > 0) {
        weighted += s.concurrency() * overlap;
        requests += s.requests() * (double) overlap / (s.endMillis() - s.startMillis());
        covered += overlap;
      }
    }
    return covered == 0
        ? Average.NONE
        : new Average(weighted / covered, requests * 1000.0 / covered);
  }
}
