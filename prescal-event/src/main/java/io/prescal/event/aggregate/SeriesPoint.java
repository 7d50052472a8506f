package io.prescal.event.aggregate;

import io.prescal.common.Keys;
import io.prescal.common.event.ServiceState;
import io.prescal.common.history.HistoryPoint;

/**
 * A history point for one service's series at one resolution.
 *
 * @param service the service
 * @param resolution which series
 * @param point the point
 */
public record SeriesPoint(String service, Keys.Resolution resolution, HistoryPoint point) {

  /** The per-second point of {@code state} at {@code time}. */
  static SeriesPoint second(ServiceState state, long time) {
    return new SeriesPoint(
        state.service(),
        Keys.Resolution.SECOND,
        new HistoryPoint(
            time,
            state.requestRate(),
            state.errorRate(),
            state.p50Millis(),
            state.p99Millis(),
            state.readyReplicas(),
            state.desiredReplicas(),
            state.inFlight(),
            state.queueLength()));
  }
}
