package io.prescal.traffic.report;

import io.prescal.traffic.plan.DurationText;

/**
 * The open model's self-check: did the generator keep to its plan?
 *
 * @param planned requests the profile planned in the measured period
 * @param sent requests sent
 * @param late requests that waited for a connection because the limit was reached
 * @param unsent planned requests never sent
 * @param lag schedule lag (actual minus intended send time) of requests that had a connection
 * @param maxLagMicros the lag's 99th percentile beyond which the run is declared not valid
 * @param valid whether the generator kept up
 * @param verdict one sentence saying why
 */
public record ScheduleCheck(
    long planned,
    long sent,
    long late,
    long unsent,
    Latency lag,
    long maxLagMicros,
    boolean valid,
    String verdict) {

  /**
   * Judges a run: not valid when the lag's p99 is over {@code maxLagMicros}, or when fewer than 99%
   * of the planned requests were sent or still waiting at the end (the plan itself fell behind).
   */
  public static ScheduleCheck of(
      long planned, long sent, long late, long unsent, Latency lag, long maxLagMicros) {
    String limit = DurationText.format(maxLagMicros);
    String lagP99 = DurationText.format(lag.p99());
    String verdict;
    if (lag.p99() > maxLagMicros) {
      verdict =
          "NOT VALID: the generator was the bottleneck (schedule lag p99 "
              + lagP99
              + " over "
              + limit
              + "); use more --threads, a lower --rate, or a less busy machine";
    } else if (planned > 0 && sent + unsent < planned * 0.99 - 1) {
      verdict =
          "NOT VALID: the generator sent "
              + sent
              + " of "
              + planned
              + " planned requests; use more --threads or a lower --rate";
    } else {
      verdict = "valid: schedule lag p99 " + lagP99 + " (limit " + limit + ")";
    }
    boolean valid = verdict.startsWith("valid");
    return new ScheduleCheck(planned, sent, late, unsent, lag, maxLagMicros, valid, verdict);
  }
}
