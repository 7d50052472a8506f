package io.prescal.common.event;

import java.util.List;

/**
 * One service aggregated across every proxy instance, as published on {@code prescal:state}.
 *
 * @param service the service
 * @param readyReplicas ready backends
 * @param desiredReplicas the autoscaler's desired count
 * @param requestRate requests per second
 * @param errorRate failed requests over all requests, 0 to 1
 * @param p50Millis median latency in milliseconds, from merged histograms
 * @param p99Millis 99th percentile latency in milliseconds, from merged histograms
 * @param inFlight requests in flight
 * @param queueLength requests waiting for a backend
 * @param coldStarts cold starts seen since prescal-event started
 * @param lastColdStartMillis duration of the last cold start, 0 when none
 * @param autoscaler settings and mode, null for services not scaled
 * @param backends the backends
 * @param stale true when no proxy reported this service recently
 */
public record ServiceState(
    String service,
    int readyReplicas,
    int desiredReplicas,
    double requestRate,
    double errorRate,
    double p50Millis,
    double p99Millis,
    int inFlight,
    int queueLength,
    long coldStarts,
    long lastColdStartMillis,
    AutoscalerStatus autoscaler,
    List<BackendStatus> backends,
    boolean stale) {
  public ServiceState {
    Require.text(service, "service");
    backends = Require.list(backends);
  }
}
