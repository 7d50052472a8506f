package io.prescal.proxy.config;

import io.prescal.common.scaling.ScalingBounds;

/**
 * The proxy-wide bounds on what scaling may create: the top-level {@code scaling:} section (every
 * key, its default and its meaning are in docs/autoscaling.md, "Bounds").
 *
 * @param dockerMaxReplicas the ceiling on backends of one Docker service
 * @param processMaxReplicas the ceiling on backends of one process service
 * @param maxConcurrentStarts starts in progress at once per service (asked of the provider, not yet
 *     ready): a larger scale-out goes in waves
 * @param memoryPerBackend the memory a backend is expected to use when its provider does not say
 *     ({@code provider.memoryPerBackend}, or a Docker {@code memory} limit), in bytes
 * @param memoryReserve memory of the host (or Docker engine) never handed to backends, in bytes
 * @param maxLoadPerCpu process services start nothing while the host's 1-minute load average is
 *     above this many per CPU; 0 turns the check off
 */
public record ScalingConfig(
    int dockerMaxReplicas,
    int processMaxReplicas,
    int maxConcurrentStarts,
    long memoryPerBackend,
    long memoryReserve,
    double maxLoadPerCpu) {

  /** The defaults: 50 Docker or 16 process backends per service, 4 starts at once. */
  public static final ScalingConfig DEFAULTS =
      new ScalingConfig(
          ScalingBounds.DOCKER_MAX_REPLICAS,
          ScalingBounds.PROCESS_MAX_REPLICAS,
          ScalingBounds.MAX_CONCURRENT_STARTS,
          256L << 20,
          512L << 20,
          8);

  /** The bounds of a service with {@code provider} (docker or process). */
  public ScalingBounds bounds(ProviderConfig provider) {
    boolean docker = provider.type() == ProviderType.DOCKER;
    long perBackend = provider.memoryPerBackend();
    if (perBackend <= 0 && docker && provider.docker() != null) {
      perBackend = Math.max(0, provider.docker().memoryBytes());
    }
    return new ScalingBounds(
        docker ? "docker" : "process",
        docker ? dockerMaxReplicas : processMaxReplicas,
        maxConcurrentStarts,
        perBackend > 0 ? perBackend : memoryPerBackend);
  }
}
