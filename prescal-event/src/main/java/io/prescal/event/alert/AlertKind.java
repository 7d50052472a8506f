package io.prescal.event.alert;

/** What an alert rule watches. */
public enum AlertKind {
  /** A service's failed requests over all requests, above {@code threshold} percent. */
  ERROR_RATE,
  /** A service's 99th percentile latency above {@code threshold} milliseconds. */
  P99,
  /** A service that wants replicas has none ready. */
  BACKENDS_DOWN,
  /** A proxy instance has been silent longer than {@code stale-after}. */
  PROXY_SILENT
}
