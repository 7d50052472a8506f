package io.prescal.event.aggregate;

import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.BackendMetrics;
import io.prescal.common.event.ServiceMetrics;
import io.prescal.common.metrics.LatencyHistogram;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One service's figures from one proxy over one or more consecutive intervals. Requests count every
 * backend response plus the proxy's own 503s ({@code rejected}); errors count every failed backend
 * request plus those 503s.
 */
record ServiceSlice(
    String service,
    long intervalMillis,
    long requests,
    long errors,
    LatencyHistogram latency,
    int readyReplicas,
    int desiredReplicas,
    int queueLength,
    AutoscalerStatus autoscaler,
    Map<String, BackendSlice> backends) {

  static ServiceSlice of(ServiceMetrics m, long intervalMillis) {
    long requests = m.rejected();
    long errors = m.rejected();
    LatencyHistogram latency = LatencyHistogram.empty();
    Map<String, BackendSlice> backends = new LinkedHashMap<>();
    for (BackendMetrics b : m.backends()) {
      BackendSlice slice = BackendSlice.of(b);
      requests += slice.requests();
      errors += slice.errors();
      latency = latency.merge(slice.latency());
      backends.merge(slice.backendId(), slice, BackendSlice::then);
    }
    return new ServiceSlice(
        m.service(),
        intervalMillis,
        requests,
        errors,
        latency,
        m.readyReplicas(),
        m.desiredReplicas(),
        m.queueLength(),
        m.autoscaler(),
        Map.copyOf(backends));
  }

  /**
   * This slice followed by {@code later} from the same proxy: counts add up, gauges and the set of
   * backends are the later ones (a backend gone from the later report is gone).
   */
  ServiceSlice then(ServiceSlice later) {
    Map<String, BackendSlice> merged = new LinkedHashMap<>(later.backends);
    merged.replaceAll((id, b) -> backends.containsKey(id) ? backends.get(id).then(b) : b);
    return new ServiceSlice(
        service,
        intervalMillis + later.intervalMillis,
        requests + later.requests,
        errors + later.errors,
        latency.merge(later.latency),
        later.readyReplicas,
        later.desiredReplicas,
        later.queueLength,
        later.autoscaler,
        Map.copyOf(merged));
  }

  /** Requests per second over the slice. */
  double requestRate() {
    return requests * 1000.0 / intervalMillis;
  }

  /** Failed requests per second over the slice. */
  double errorsPerSecond() {
    return errors * 1000.0 / intervalMillis;
  }

  /** Requests in flight at the end of the slice, every backend together. */
  int inFlight() {
    return backends.values().stream().mapToInt(BackendSlice::inFlight).sum();
  }
}
