package io.prescal.traffic.report;

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
    String verdict) {}
