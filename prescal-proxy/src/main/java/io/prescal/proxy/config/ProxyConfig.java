package io.prescal.proxy.config;

import io.prescal.proxy.events.RedisSettings;
import io.prescal.proxy.provider.docker.DockerEngineSettings;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * A whole, validated proxy configuration.
 *
 * @param listeners the addresses the proxy accepts clients on, with their TLS settings
 * @param workers event loop threads (0: one per core)
 * @param admin the admin HTTP endpoint
 * @param accessLog the access log
 * @param forwarded how the proxy tells backends about clients
 * @param timeouts connect, response header and idle timeouts
 * @param limits request size limits
 * @param backendHeader response header naming the backend that answered, or empty for none
 * @param services the services, in file order
 * @param events where events go (Redis), or null when nothing is published
 * @param docker how the Docker engine is reached (used only when a service has a docker provider)
 * @param scaling the proxy-wide bounds on what scaling may create (ceiling, starts at once, host
 *     headroom)
 * @param http2 HTTP/2 limits on the client side
 * @param version a short digest of the source, for events
 */
public record ProxyConfig(
    List<ListenerConfig> listeners,
    int workers,
    AdminConfig admin,
    AccessLogConfig accessLog,
    ForwardedConfig forwarded,
    TimeoutConfig timeouts,
    LimitsConfig limits,
    String backendHeader,
    List<ServiceConfig> services,
    RedisSettings events,
    DockerEngineSettings docker,
    ScalingConfig scaling,
    Http2Config http2,
    String version) {
  public ProxyConfig {
    listeners = List.copyOf(listeners);
    services = List.copyOf(services);
  }

  /** The listeners' addresses, in order. */
  public List<InetSocketAddress> listen() {
    return listeners.stream().map(ListenerConfig::address).toList();
  }

  /** The service named {@code name}, or null. */
  public ServiceConfig service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
  }

  /** The same configuration with another version. */
  public ProxyConfig withVersion(String newVersion) {
    return new ProxyConfig(
        listeners,
        workers,
        admin,
        accessLog,
        forwarded,
        timeouts,
        limits,
        backendHeader,
        services,
        events,
        docker,
        scaling,
        http2,
        newVersion);
  }
}
