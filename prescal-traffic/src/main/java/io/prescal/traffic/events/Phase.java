package io.prescal.traffic.events;

import io.prescal.traffic.report.Latency;

/**
 * Statistics of one stretch of the run around a scale event.
 *
 * @param event the scale event's summary
 * @param name "before", "during" (until the new capacity is ready or the backend is gone) or
 *     "after"
 * @param fromSecond start, seconds since measurement started
 * @param toSecond end
 * @param requests requests that ended in it
 * @param rate responses per second
 * @param latency latency from the intended send time
 * @param errors failed requests
 */
public record Phase(
    String event,
    String name,
    double fromSecond,
    double toSecond,
    long requests,
    double rate,
    Latency latency,
    long errors) {}
