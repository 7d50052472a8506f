package io.prescal.proxy.config;

import java.time.Duration;
import java.util.List;

/**
 * One service: which requests it takes and where they go.
 *
 * @param name its name (events, metrics and admin use it)
 * @param hosts host patterns it answers ("*" for any, "*.example.com" for subdomains)
 * @param pathPrefix path prefix it answers
 * @param balancer how backends are picked
 * @param slowStart how long a new backend's weight ramps up (zero: none)
 * @param backends static backends
 * @param healthCheck active health checks, or null for none
 * @param outlier passive outlier ejection
 * @param retries retries of failed requests
 * @param drainTimeout the longest a drain waits for requests in flight
 */
public record ServiceConfig(
    String name,
    List<String> hosts,
    String pathPrefix,
    BalancerConfig balancer,
    Duration slowStart,
    List<BackendConfig> backends,
    HealthCheckConfig healthCheck,
    OutlierConfig outlier,
    RetryConfig retries,
    Duration drainTimeout) {
  public ServiceConfig {
    hosts = List.copyOf(hosts);
    backends = List.copyOf(backends);
  }
}
