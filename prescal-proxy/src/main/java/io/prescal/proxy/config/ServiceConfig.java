package io.prescal.proxy.config;

import io.prescal.proxy.provider.ReadinessSettings;
import io.prescal.proxy.scale.AutoscaleSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

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
 * @param provider where backends come from (static: the {@code backends} list)
 * @param readiness how a new provider backend is probed before it gets traffic
 * @param autoscale how the autoscaler sizes the service, null for a static one
 * @param holdQueue where requests wait while no backend is ready (autoscaled services)
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
    Duration drainTimeout,
    ProviderConfig provider,
    ReadinessSettings readiness,
    AutoscaleSettings autoscale,
    HoldQueueConfig holdQueue) {
  public ServiceConfig {
    hosts = List.copyOf(hosts);
    backends = List.copyOf(backends);
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(readiness, "readiness");
    Objects.requireNonNull(holdQueue, "holdQueue");
    if (provider.scalable()) {
      Objects.requireNonNull(autoscale, "autoscale");
    }
  }

  /** Whether the proxy starts, stops and autoscales this service's backends. */
  public boolean scalable() {
    return provider.scalable();
  }

  /** Backends kept warm ({@code warmPool.size}, part of the autoscale bounds); 0 when none. */
  public int warmPoolSize() {
    return autoscale == null ? 0 : autoscale.bounds().warmPool();
  }
}
