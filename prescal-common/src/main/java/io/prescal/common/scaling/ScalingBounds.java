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
 */
public record ScalingBounds(
    String provider, int maxReplicas, int maxConcurrentStarts, long memoryPerBackend) {

  /** The ceiling of a Docker service unless the proxy's file sets one. */
  public static final int DOCKER_MAX_REPLICAS = 50;

  /** The ceiling of a process service unless the proxy's file sets one. */
  public static final int PROCESS_MAX_REPLICAS = 16;

  /** Starts in progress at once unless the proxy's file sets it. */
  public static final int MAX_CONCURRENT_STARTS = 4;

  /** The key that sets the ceiling, named in refusals. */
  public static final String CEILING_KEY = "scaling.maxReplicas";

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
