package io.prescal.event.aggregate;

import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.BackendStatus;
import io.prescal.common.event.ServiceState;
import io.prescal.common.metrics.LatencyHistogram;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * Combines one service's slices from several proxies into its {@link ServiceState}: rates and
 * in-flight add up, latency percentiles come from the merged histogram (never from averaged
 * percentiles), a backend seen by several proxies is counted once.
 */
final class StateAssembler {

  private StateAssembler() {}

  static ServiceState assemble(
      String service, List<ServiceSlice> slices, ServiceLedger ledger, Instant now) {
    if (slices.isEmpty()) {
      return new ServiceState(
          service,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          0,
          ledger.coldStarts(),
          ledger.lastColdStartMillis(),
          null,
          List.of(),
          true);
    }
    double requestRate = 0;
    double errorRate = 0;
    int inFlight = 0;
    int queueLength = 0;
    int desired = 0;
    int reportedReady = 0;
    AutoscalerStatus autoscaler = null;
    Histogram latency = LatencyHistogram.newHistogram();
    Map<String, BackendSlice> backends = new LinkedHashMap<>();
    Map<String, Double> backendSeconds = new LinkedHashMap<>();
    for (ServiceSlice slice : slices) {
      requestRate += slice.requestRate();
      errorRate += slice.errorsPerSecond();
      inFlight += slice.inFlight();
      queueLength += slice.queueLength();
      desired = Math.max(desired, slice.desiredReplicas());
      reportedReady = Math.max(reportedReady, slice.readyReplicas());
      autoscaler = autoscaler != null ? autoscaler : slice.autoscaler();
      slice.latency().addTo(latency);
      for (BackendSlice b : slice.backends().values()) {
        backends.merge(b.backendId(), b, BackendSlice::alongside);
        backendSeconds.merge(b.backendId(), slice.intervalMillis() / 1000.0, Math::max);
      }
    }
    int ready =
        backends.isEmpty()
            ? reportedReady
            : (int) backends.values().stream().filter(b -> b.state() == BackendState.READY).count();
    LatencyHistogram merged = LatencyHistogram.of(latency);
    List<BackendStatus> statuses =
        backends.values().stream()
            .sorted(Comparator.comparing(BackendSlice::backendId))
            .map(b -> status(b, backendSeconds.get(b.backendId()), now))
            .toList();
    return new ServiceState(
        service,
        ready,
        desired,
        requestRate,
        requestRate == 0 ? 0 : Math.min(1, errorRate / requestRate),
        millis(merged.percentileMicros(50)),
        millis(merged.percentileMicros(99)),
        inFlight,
        queueLength,
        ledger.coldStarts(),
        ledger.lastColdStartMillis(),
        autoscaler,
        statuses,
        false);
  }

  private static BackendStatus status(BackendSlice b, double seconds, Instant now) {
    return new BackendStatus(
        b.backendId(),
        b.kind(),
        b.container(),
        b.image(),
        b.address(),
        b.state(),
        b.inFlight(),
        b.requests() / seconds,
        b.errors() / seconds,
        millis(b.latency().percentileMicros(99)),
        Math.max(0, Duration.between(b.startedAt(), now).toSeconds()));
  }

  static double millis(long micros) {
    return micros / 1000.0;
  }
}
