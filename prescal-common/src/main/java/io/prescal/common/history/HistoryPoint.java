package io.prescal.common.history;

/**
 * One service over one second or one minute, as kept in a history sorted set (member: this record's
 * JSON from {@link io.prescal.common.codec.EventCodec#writePoint}; score: {@code time}).
 *
 * @param time start of the point, epoch milliseconds
 * @param requestRate requests per second
 * @param errorRate failed requests over all requests, 0 to 1
 * @param p50Millis median latency, from merged histograms
 * @param p99Millis 99th percentile latency, from merged histograms
 * @param readyReplicas ready backends (at the end of the point)
 * @param desiredReplicas the autoscaler's desired count (at the end of the point)
 * @param inFlight requests in flight (at the end of the point)
 * @param queueLength requests waiting for a backend (at the end of the point)
 */
public record HistoryPoint(
    long time,
    double requestRate,
    double errorRate,
    double p50Millis,
    double p99Millis,
    int readyReplicas,
    int desiredReplicas,
    int inFlight,
    int queueLength) {}
