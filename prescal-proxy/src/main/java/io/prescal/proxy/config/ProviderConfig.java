package io.prescal.proxy.config;

import io.prescal.proxy.provider.docker.DockerSettings;
import io.prescal.proxy.provider.process.ProcessSettings;
import java.time.Duration;
import java.util.Objects;

/**
 * A service's {@code provider:} section: where its backends come from and what happens to them when
 * the proxy stops.
 *
 * @param type static, docker or process
 * @param shutdown leave the backends running or stop them when the proxy stops
 * @param stopGrace how long a backend may take to stop (SIGTERM, then SIGKILL)
 * @param docker the container settings, for type docker (else null)
 * @param process the command settings, for type process (else null)
 * @param memoryPerBackend the memory one backend is expected to use, in bytes ({@code
 *     memoryPerBackend}); 0 when the file does not say (see {@link ScalingConfig#bounds})
 */
public record ProviderConfig(
    ProviderType type,
    ShutdownPolicy shutdown,
    Duration stopGrace,
    DockerSettings docker,
    ProcessSettings process,
    long memoryPerBackend) {

  /** The {@code backends:} list, nothing to start or stop. */
  public static final ProviderConfig STATIC =
      new ProviderConfig(ProviderType.STATIC, ShutdownPolicy.LEAVE, Duration.ZERO, null, null, 0);

  public ProviderConfig {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(shutdown, "shutdown");
    Objects.requireNonNull(stopGrace, "stopGrace");
  }

  /** Whether the proxy starts and stops this service's backends (docker or process). */
  public boolean scalable() {
    return type != ProviderType.STATIC;
  }
}
