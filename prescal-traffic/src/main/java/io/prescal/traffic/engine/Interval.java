package io.prescal.traffic.engine;

import org.HdrHistogram.Histogram;

/**
 * What all workers measured between two collections.
 *
 * @param fromNanos start of the interval ({@link System#nanoTime()})
 * @param toNanos end of the interval
 * @param corrected latency from the intended send time, microseconds
 * @param uncorrected latency from the actual send time, microseconds
 * @param lag schedule lag of the open model, microseconds
 * @param counters increments of each {@link Counter}, by ordinal
 * @param statuses responses by status code (index), increments
 * @param inFlight requests in flight at the end
 * @param connections open connections at the end
 */
public record Interval(
    long fromNanos,
    long toNanos,
    Histogram corrected,
    Histogram uncorrected,
    Histogram lag,
    long[] counters,
    long[] statuses,
    int inFlight,
    int connections) {

  /** The increment of {@code counter}. */
  public long count(Counter counter) {
    return counters[counter.ordinal()];
  }

  /** Requests that ended in this interval: completed or failed before a response. */
  public long finished() {
    return count(Counter.COMPLETED)
        + count(Counter.CONNECT)
        + count(Counter.TIMEOUT)
        + count(Counter.RESET)
        + count(Counter.PROTOCOL)
        + count(Counter.STREAM_RESET)
        + count(Counter.GOAWAY);
  }

  /** Failed requests of every class, bad statuses included. */
  public long errors() {
    return finished() - count(Counter.COMPLETED) + count(Counter.BAD_STATUS);
  }

  /** Seconds the interval spans. */
  public double seconds() {
    return (toNanos - fromNanos) / 1e9;
  }
}
