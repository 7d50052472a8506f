package io.prescal.common.scaling;

/**
 * The bounds one service's scaling obeys, set proxy-wide in the proxy's file ({@code scaling:}, see
 * docs/autoscaling.md) and published with the service's autoscaler status.
 *
 * @param provider the service's provider type, {@code docker} or {@code process}: the ceiling's
 *     default depends on it
 * @param maxReplicas the ceiling: the most backends the service may run at once, draining ones
 *     included; {@code max} and a fixed count may not go above it
 * @param maxConcurrentStarts the most starts in progress at once (asked of the provider, not yet
 *     ready): a larger count is reached in waves
 * @param memoryPerBackend bytes one backend is expected to use (what a start must find free on the
 *     host); 0 when unknown
 * @param warmPoolSize backends the service keeps warm (started, frozen, outside its replicas): they
 *     count against the ceiling, so {@code max} may be at most {@code maxReplicas - warmPoolSize};
 *     absent (null) when the service keeps none. Schema 1.2; 0 is written as absent
 */
public record ScalingBounds(
    String provider,
    int maxReplicas,
    int maxConcurrentStarts,
    long memoryPerBackend,
    Integer warmPoolSize) {

  /** The ceiling of a Docker service unless the proxy's file sets one. */
  public static final int DOCKER_MAX_REPLICAS = 50;

  /** The ceiling of a process service unless the proxy's file sets one. */
  public static final int PROCESS_MAX_REPLICAS = 16;

  /** Starts in progress at once unless the proxy's file sets it. */
  public static final int MAX_CONCURRENT_STARTS = 4;

  /** The key that sets the ceiling, named in refusals. */
  public static final String CEILING_KEY = "scaling.maxReplicas";

  /** The key that sets a service's warm pool, named in refusals. */
  public static final String WARM_POOL_KEY = "warmPool.size";

  public ScalingBounds {
    if (provider == null || provider.isBlank()) {
      throw new IllegalArgumentException(
          "provider: " + provider + " (expected: docker or process)");
    }
    if (maxReplicas < 1) {
      throw new IllegalArgumentException("maxReplicas: " + maxReplicas + " (expected: >= 1)");
    }
    if (maxConcurrentStarts < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentStarts: " + maxConcurrentStarts + " (expected: >= 1)");
    }
    if (memoryPerBackend < 0) {
      throw new IllegalArgumentException(
          "memoryPerBackend: " + memoryPerBackend + " (expected: >= 0 bytes, 0 for unknown)");
    }
    if (warmPoolSize != null && warmPoolSize < 0) {
      throw new IllegalArgumentException(
          "warmPoolSize: " + warmPoolSize + " (expected: >= 0, 0 for none)");
    }
    warmPoolSize = warmPoolSize == null || warmPoolSize == 0 ? null : warmPoolSize;
  }

  /** Bounds of a service that keeps no warm pool. */
  public ScalingBounds(
      String provider, int maxReplicas, int maxConcurrentStarts, long memoryPerBackend) {
    this(provider, maxReplicas, maxConcurrentStarts, memoryPerBackend, null);
  }

  /** These bounds for a service that keeps {@code size} backends warm. */
  public ScalingBounds withWarmPool(int size) {
    return new ScalingBounds(provider, maxReplicas, maxConcurrentStarts, memoryPerBackend, size);
  }

  /** Backends kept warm: 0 when none. */
  public int warmPool() {
    return warmPoolSize == null ? 0 : warmPoolSize;
  }

  /** The most replicas the service may have: the ceiling less the backends kept warm. */
  public int replicaCeiling() {
    return maxReplicas - warmPool();
  }

  /** The ceiling of a service of {@code provider} when the proxy's file sets none. */
  public static int defaultMaxReplicas(String provider) {
    return "docker".equals(provider) ? DOCKER_MAX_REPLICAS : PROCESS_MAX_REPLICAS;
  }

  /** The ceiling in words, e.g. "ceiling 16 for the process provider". */
  public String ceiling() {
    return "ceiling " + maxReplicas + " for the " + provider + " provider";
  }
}
