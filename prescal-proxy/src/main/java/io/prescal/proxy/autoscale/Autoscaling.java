package io.prescal.proxy.autoscale;

import io.prescal.proxy.config.ProviderConfig;
import io.prescal.proxy.config.ProxyConfig;
import io.prescal.proxy.config.ServiceConfig;
import io.prescal.proxy.config.ShutdownPolicy;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.ServiceRegistry;
import io.prescal.proxy.provider.process.HostFigures;
import io.prescal.proxy.provider.process.LinuxHost;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The scale loops of every autoscaled service, made to match the configuration at start and on
 * reload: new autoscaled services get a loop, kept ones their new autoscale and hold-queue
 * settings, removed ones stop their backends. A reload may not change a kept service's provider or
 * readiness probe (see {@link #refusals}).
 */
public final class Autoscaling implements AutoCloseable {
  private final ServiceRegistry registry;
  private final EventSink events;
  private final Consumer<Backend> onRemoved;
  private final Map<String, ScaleLoop> loops = new ConcurrentHashMap<>();
  private final Map<String, ServiceConfig> configs = new HashMap<>();
  private final HostFigures host;
  private Providers providers;

  /**
   * @param onRemoved called with each backend the pool let go (to close its idle connections)
   */
  public Autoscaling(ServiceRegistry registry, EventSink events, Consumer<Backend> onRemoved) {
    this(registry, events, onRemoved, LinuxHost.local());
  }

  /**
   * @param onRemoved called with each backend the pool let go (to close its idle connections)
   * @param host the host's memory and load, which process backends' starts are checked against
   */
  public Autoscaling(
      ServiceRegistry registry, EventSink events, Consumer<Backend> onRemoved, HostFigures host) {
    this.registry = registry;
    this.events = events;
    this.onRemoved = onRemoved;
    this.host = host;
  }

  /** Starts, reconfigures or stops loops so that they match {@code config}'s pools. */
  public synchronized void apply(ProxyConfig config) {
    if (providers == null) {
      providers = new Providers(config.docker(), host);
    }
    Map<String, ScaleLoop> gone = new HashMap<>(loops);
    for (ServiceConfig service : config.services()) {
      if (!service.scalable()) {
        continue;
      }
      ScaleLoop loop = gone.remove(service.name());
      if (loop != null) {
        loop.reconfigure(service, config.scaling());
      } else {
        ServicePool pool = Objects.requireNonNull(registry.pool(service.name()), service.name());
        loop =
            new ScaleLoop(
                service,
                config.scaling(),
                pool,
                providers.create(service),
                events,
                onRemoved,
                InstantSource.system());
        loops.put(service.name(), loop);
        loop.start();
      }
      configs.put(service.name(), service);
    }
    for (var entry : gone.entrySet()) {
      loops.remove(entry.getKey());
      configs.remove(entry.getKey());
      // No longer in the configuration: its backends have no service to serve.
      entry.getValue().close(ShutdownPolicy.STOP);
    }
  }

  /**
   * Why {@code next} cannot be applied to what runs now, one line each (empty: it can): a kept
   * autoscaled service's provider and readiness probe need a restart to change.
   */
  public synchronized List<String> refusals(ProxyConfig next) {
    List<String> problems = new ArrayList<>();
    for (ServiceConfig service : next.services()) {
      ServiceConfig running = configs.get(service.name());
      if (running == null) {
        if (service.scalable() && registry.pool(service.name()) != null) {
          problems.add(changed(service.name(), "provider")); // static until now
        }
        continue;
      }
      if (!service.scalable() || !sameProvider(running.provider(), service.provider())) {
        problems.add(changed(service.name(), "provider"));
      } else if (!running.readiness().equals(service.readiness())) {
        problems.add(changed(service.name(), "readiness"));
      }
    }
    return problems;
  }

  /** The same provider, whatever the stop grace (which a reload may change). */
  private static boolean sameProvider(ProviderConfig a, ProviderConfig b) {
    return a.type() == b.type()
        && a.shutdown() == b.shutdown()
        && Objects.equals(a.docker(), b.docker())
        && Objects.equals(a.process(), b.process());
  }

  private static String changed(String service, String key) {
    return "services."
        + service
        + "."
        + key
        + ": changed (expected: the same as running; restart the proxy to change an autoscaled"
        + " service's provider or readiness probe)";
  }

  /** The loop of {@code service}, or null when it is not autoscaled. */
  ScaleLoop loop(String service) {
    return loops.get(service);
  }

  /** What {@code service}'s autoscaling looks like now, or null when it is not autoscaled. */
  public ScaleStatus status(String service) {
    ScaleLoop loop = loops.get(service);
    return loop == null ? null : loop.status();
  }

  /**
   * Stops every loop: each service's backends are stopped or left running as its {@code
   * provider.shutdown} says. Then the Docker engine connection closes.
   */
  @Override
  public synchronized void close() {
    List<CompletableFuture<Void>> closing = new ArrayList<>();
    for (var entry : loops.entrySet()) {
      ShutdownPolicy policy = configs.get(entry.getKey()).provider().shutdown();
      closing.add(CompletableFuture.runAsync(() -> entry.getValue().close(policy)));
    }
    CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new)).join();
    loops.clear();
    configs.clear();
    if (providers != null) {
      providers.close();
    }
  }
}
