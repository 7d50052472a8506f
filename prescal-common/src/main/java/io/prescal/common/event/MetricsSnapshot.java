package io.prescal.common.event;

import java.util.List;

/**
 * What one proxy instance saw over one interval (one second): published on {@code prescal:metrics}.
 * Snapshots of several instances merge: add counts, merge histograms, sum in-flight.
 *
 * @param intervalMillis the interval's length
 * @param services per-service figures
 */
public record MetricsSnapshot(long intervalMillis, List<ServiceMetrics> services)
    implements PrescalEvent {
  public MetricsSnapshot {
    if (intervalMillis <= 0) {
      throw new IllegalArgumentException("intervalMillis: " + intervalMillis + " (expected: > 0)");
    }
    services = Require.list(services);
  }
}
