package io.prescal.common.event;

/**
 * One backend as prescal-event sees it across every proxy instance.
 *
 * @param backendId the backend
 * @param kind its provider
 * @param container container id, or null
 * @param image image or command, or null
 * @param address host:port
 * @param state its state
 * @param inFlight requests in flight, all proxies together
 * @param requestRate requests per second
 * @param errorRate failed requests per second
 * @param p99Millis 99th percentile latency in milliseconds over the last few seconds
 * @param ageSeconds time since it was asked for
 */
public record BackendStatus(
    String backendId,
    BackendKind kind,
    String container,
    String image,
    String address,
    BackendState state,
    int inFlight,
    double requestRate,
    double errorRate,
    double p99Millis,
    long ageSeconds) {
  public BackendStatus {
    Require.text(backendId, "backendId");
    Require.present(kind, "kind");
    Require.present(state, "state");
  }
}
