package io.prescal.common.event;

import java.util.List;

/**
 * One service's traffic through one proxy over one interval.
 *
 * @param service the service
 * @param readyReplicas backends ready at the end of the interval
 * @param desiredReplicas the autoscaler's desired count (the ready count for static services)
 * @param queueLength requests waiting for a backend (scale from zero) at the end of the interval
 * @param rejected requests answered 503 by the proxy itself in the interval (no backend, queue full
 *     or wait over)
 * @param autoscaler the autoscaler's settings and mode, null for services it does not scale
 * @param backends per-backend figures
 */
public record ServiceMetrics(
    String service,
    int readyReplicas,
    int desiredReplicas,
    int queueLength,
    long rejected,
    AutoscalerStatus autoscaler,
    List<BackendMetrics> backends) {
  public ServiceMetrics {
    Require.text(service, "service");
    Require.nonNegative(readyReplicas, "readyReplicas");
    Require.nonNegative(desiredReplicas, "desiredReplicas");
    Require.nonNegative(queueLength, "queueLength");
    Require.nonNegative(rejected, "rejected");
    backends = Require.list(backends);
  }
}
