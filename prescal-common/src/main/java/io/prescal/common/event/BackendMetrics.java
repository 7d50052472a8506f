package io.prescal.common.event;

import io.prescal.common.metrics.LatencyHistogram;
import java.time.Instant;
import java.util.Map;

/**
 * One backend's traffic through one proxy over one interval. Counts are for the interval; {@code
 * inFlight} and {@code state} are read at its end.
 *
 * @param backendId the backend
 * @param address host:port
 * @param kind its provider
 * @param container container id, or null
 * @param image image or command, or null
 * @param state its state at the end of the interval
 * @param startedAt when it was asked for
 * @param requests responses completed in the interval
 * @param statusClasses responses by status class ("2xx", "3xx", "4xx", "5xx")
 * @param errors failures by class ("connect", "timeout", "reset", "status"): "status" counts 5xx
 *     answers, the others requests that got no answer from the backend
 * @param inFlight requests in flight at the end of the interval
 * @param latency response latency of the interval's requests
 */
public record BackendMetrics(
    String backendId,
    String address,
    BackendKind kind,
    String container,
    String image,
    BackendState state,
    Instant startedAt,
    long requests,
    Map<String, Long> statusClasses,
    Map<String, Long> errors,
    int inFlight,
    LatencyHistogram latency) {
  public BackendMetrics {
    Require.text(backendId, "backendId");
    Require.text(address, "address");
    Require.present(kind, "kind");
    Require.present(state, "state");
    Require.present(startedAt, "startedAt");
    Require.nonNegative(requests, "requests");
    statusClasses = Require.map(statusClasses);
    errors = Require.map(errors);
    Require.nonNegative(inFlight, "inFlight");
    latency = latency == null ? LatencyHistogram.empty() : latency;
  }

  /** All failures of the interval, every class together. */
  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }
}
