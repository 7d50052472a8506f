package io.prescal.common.event;

import java.util.List;

/**
 * A proxy instance started.
 *
 * @param version the proxy's version
 * @param services the services it routes
 */
public record ProxyStarted(String version, List<String> services) implements PrescalEvent {
  public ProxyStarted {
    Require.text(version, "version");
    services = Require.list(services);
  }
}
