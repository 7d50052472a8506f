package io.prescal.traffic.report;

import java.util.List;

/**
 * One second of the run (warm-up excluded).
 *
 * @param second seconds since measurement started, at the end of this point
 * @param epochMillis wall-clock time at the end of this point
 * @param plannedRate the open model's planned rate at this second (0 for the closed model)
 * @param sent requests written
 * @param completed responses received
 * @param rate responses per second
 * @param errors failed requests of every class
 * @param latency latency from the intended send time
 * @param uncorrectedP99 99th percentile from the actual send time, microseconds
 * @param lagP99 schedule lag's 99th percentile, microseconds
 * @param inFlight requests in flight at the end
 * @param connections open connections at the end
 * @param events what Prescal reported in this second ({@code --events})
 */
public record TimelinePoint(
    int second,
    long epochMillis,
    double plannedRate,
    long sent,
    long completed,
    double rate,
    long errors,
    Latency latency,
    long uncorrectedP99,
    long lagP99,
    int inFlight,
    int connections,
    List<String> events) {

  /** This point with {@code marks} as its events. */
  public TimelinePoint withEvents(List<String> marks) {
    return new TimelinePoint(
        second,
        epochMillis,
        plannedRate,
        sent,
        completed,
        rate,
        errors,
        latency,
        uncorrectedP99,
        lagP99,
        inFlight,
        connections,
        marks);
  }
}
