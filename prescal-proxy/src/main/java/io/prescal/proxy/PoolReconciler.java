package io.prescal.proxy;

import io.prescal.common.event.BackendKind;
import io.prescal.common.event.BackendState;
import io.prescal.proxy.config.BackendConfig;
import io.prescal.proxy.config.ProxyConfig;
import io.prescal.proxy.config.ServiceConfig;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.PoolSettings;
import io.prescal.proxy.pool.Route;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.ServiceRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * Makes the running pools match a configuration: new services get a pool, kept services get their
 * new settings and static backends (added ones join, dropped ones drain and leave), removed
 * services drain away. Backends from providers are left alone. Connections are never dropped.
 */
final class PoolReconciler {
  private final ServiceRegistry registry;
  private final EventSink events;
  private final ScheduledExecutorService scheduler;
  private final Consumer<Backend> onRemoved;

  PoolReconciler(
      ServiceRegistry registry,
      EventSink events,
      ScheduledExecutorService scheduler,
      Consumer<Backend> onRemoved) {
    this.registry = registry;
    this.events = events;
    this.scheduler = scheduler;
    this.onRemoved = onRemoved;
  }

  void apply(ProxyConfig config) {
    Map<String, ServicePool> old = new HashMap<>(registry.pools());
    List<Route> routes = new ArrayList<>();
    for (ServiceConfig service : config.services()) {
      PoolSettings settings =
          new PoolSettings(
              service.balancer().create(service.slowStart()),
              service.drainTimeout(),
              service.retries(),
              service.outlier());
      ServicePool pool = old.remove(service.name());
      if (pool == null) {
        pool = new ServicePool(service.name(), settings, events, scheduler);
      } else {
        pool.settings(settings);
      }
      syncStatic(pool, service.backends());
      routes.add(new Route(service.hosts(), service.pathPrefix(), pool));
    }
    registry.replace(routes);
    for (ServicePool gone : old.values()) {
      syncStatic(gone, List.of());
    }
  }

  private void syncStatic(ServicePool pool, List<BackendConfig> wanted) {
    Map<String, BackendConfig> byId = new HashMap<>();
    for (BackendConfig b : wanted) {
      byId.put(b.address().getHostString() + ":" + b.address().getPort(), b);
    }
    for (Backend backend : pool.snapshot().all()) {
      if (backend.kind() != BackendKind.STATIC) {
        continue;
      }
      BackendConfig keep = byId.remove(backend.id());
      if (keep != null) {
        backend.reweight(keep.weight());
      } else if (backend.state() != BackendState.DRAINING) {
        pool.drain(backend.id(), "config")
            .thenRun(
                () -> {
                  pool.remove(backend.id(), "config");
                  onRemoved.accept(backend);
                });
      }
    }
    for (BackendConfig b : byId.values()) {
      Backend backend = Backend.ofStatic(b.address(), b.weight());
      if (pool.snapshot().find(backend.id()) == null) {
        pool.add(backend);
        pool.markReady(backend.id());
      }
    }
  }
}
