package io.prescal.proxy.pool;

import io.prescal.proxy.config.OutlierConfig;
import io.prescal.proxy.config.RetryConfig;
import java.time.Duration;
import java.util.Objects;

/**
 * The parts of a service's configuration its pool and its requests apply; replaced as a whole on
 * reload.
 *
 * @param balancer picks backends
 * @param drainTimeout the longest a drain waits for in-flight requests
 * @param retries when failed requests are tried again
 * @param outlier when failing backends are ejected
 */
public record PoolSettings(
    Balancer balancer, Duration drainTimeout, RetryConfig retries, OutlierConfig outlier) {
  public PoolSettings {
    Objects.requireNonNull(balancer, "balancer");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
    Objects.requireNonNull(retries, "retries");
    Objects.requireNonNull(outlier, "outlier");
  }
}
