package io.prescal.proxy.events;

import io.prescal.common.event.MetricsSnapshot;

/**
 * The proxy's live figures, read once per interval by the metrics publisher. Each call closes the
 * current interval: counts and histograms in the result cover the time since the previous call.
 */
@FunctionalInterface
public interface MetricsSource {

  /**
   * The figures since the previous call.
   *
   * @param intervalMillis the time since the previous call, for the snapshot's header
   */
  MetricsSnapshot snapshot(long intervalMillis);
}
