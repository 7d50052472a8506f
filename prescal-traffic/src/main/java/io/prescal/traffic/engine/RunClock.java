package io.prescal.traffic.engine;

/**
 * The run's time marks, in {@link System#nanoTime()} terms.
 *
 * @param startNanos when the run (warm-up included) starts
 * @param measureNanos when warm-up ends and measurement starts
 * @param endNanos when sending stops
 */
public record RunClock(long startNanos, long measureNanos, long endNanos) {

  /** Marks for a run starting at {@code start}. */
  static RunClock of(long start, long warmupNanos, long sendNanos) {
    long measure = start + warmupNanos;
    long end = sendNanos >= Long.MAX_VALUE / 4 ? Long.MAX_VALUE / 2 : measure + sendNanos;
    return new RunClock(start, measure, end);
  }

  /** Whether a request intended at {@code nanos} is measured (not warm-up). */
  boolean measured(long nanos) {
    return measureNanos == startNanos || nanos - measureNanos >= 0;
  }
}
