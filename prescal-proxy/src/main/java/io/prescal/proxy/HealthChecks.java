package io.prescal.proxy;

import io.netty.channel.EventLoopGroup;
import io.prescal.proxy.config.ProxyConfig;
import io.prescal.proxy.config.ServiceConfig;
import io.prescal.proxy.health.ActiveHealthChecker;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.ServiceRegistry;
import io.prescal.proxy.server.Transport;
import java.util.ArrayList;
import java.util.List;

/** The active health checkers of all services, replaced as a whole on reload. */
final class HealthChecks implements AutoCloseable {
  private final ServiceRegistry registry;
  private final EventLoopGroup loops;
  private final Transport transport;
  private final List<ActiveHealthChecker> running = new ArrayList<>();

  HealthChecks(ServiceRegistry registry, EventLoopGroup loops, Transport transport) {
    this.registry = registry;
    this.loops = loops;
    this.transport = transport;
  }

  synchronized void apply(ProxyConfig config) {
    close();
    for (ServiceConfig service : config.services()) {
      ServicePool pool = registry.pool(service.name());
      if (service.healthCheck() != null && pool != null) {
        ActiveHealthChecker checker =
            new ActiveHealthChecker(pool, service.healthCheck(), loops.next(), transport);
        checker.start();
        running.add(checker);
      }
    }
  }

  @Override
  public synchronized void close() {
    running.forEach(ActiveHealthChecker::close);
    running.clear();
  }
}
