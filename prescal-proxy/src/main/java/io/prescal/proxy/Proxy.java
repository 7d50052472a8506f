package io.prescal.proxy;

import io.netty.channel.EventLoopGroup;
import io.prescal.common.event.Command;
import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.CommandRejected;
import io.prescal.common.event.ConfigReloaded;
import io.prescal.common.event.DrainCommand;
import io.prescal.common.event.EventType;
import io.prescal.common.event.ProxyStarted;
import io.prescal.common.event.ProxyStopping;
import io.prescal.proxy.accesslog.AccessLog;
import io.prescal.proxy.accesslog.AsyncAccessLog;
import io.prescal.proxy.admin.AdminActions;
import io.prescal.proxy.admin.AdminServer;
import io.prescal.proxy.admin.CommandOutcome;
import io.prescal.proxy.autoscale.Autoscaling;
import io.prescal.proxy.autoscale.ServiceCommands;
import io.prescal.proxy.config.ConfigException;
import io.prescal.proxy.config.ConfigLoader;
import io.prescal.proxy.config.ListenerConfig;
import io.prescal.proxy.config.ProxyConfig;
import io.prescal.proxy.events.CommandHandler;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.events.ForwardingSink;
import io.prescal.proxy.events.MetricsSource;
import io.prescal.proxy.events.PublisherStats;
import io.prescal.proxy.events.RedisEventPipeline;
import io.prescal.proxy.health.OutlierDetector;
import io.prescal.proxy.metrics.PoolMetricsSource;
import io.prescal.proxy.metrics.PrometheusText;
import io.prescal.proxy.metrics.StatusReport;
import io.prescal.proxy.metrics.TrafficWindow;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.ServiceRegistry;
import io.prescal.proxy.server.ListenerStats;
import io.prescal.proxy.server.ProxyContext;
import io.prescal.proxy.server.ProxyServer;
import io.prescal.proxy.server.ProxySettings;
import io.prescal.proxy.server.Transport;
import io.prescal.proxy.tls.TlsEngine;
import io.prescal.proxy.upstream.UpstreamPool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The assembled proxy: event loops, service pools, listeners, health checks, admin API and access
 * log, built from one {@link ProxyConfig} and changed in place on reload.
 */
public final class Proxy implements AutoCloseable, AdminActions {
  private static final Logger log = LoggerFactory.getLogger(Proxy.class);
  private static final String VERSION = versionOf();

  private final Path configPath;
  private final ForwardingSink events;
  private final AtomicReference<ProxyConfig> config = new AtomicReference<>();
  private final AtomicReference<ProxySettings> settings = new AtomicReference<>();
  private final ServiceRegistry registry = new ServiceRegistry();
  private final Transport transport = Transport.detect();
  private final TlsEngine tlsEngine;
  private final ScheduledExecutorService scheduler =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("prescal-timer").daemon().factory());
  private final TrafficWindow window = new TrafficWindow(registry);
  private final PoolMetricsSource metricsSource;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final UpstreamPool upstream;
  private final HealthChecks healthChecks;
  private final PoolReconciler reconciler;
  private final Autoscaling autoscaling;
  private final ServiceCommands commands;
  private final AdminServer admin = new AdminServer();
  private RedisEventPipeline pipeline;
  private ProxyServer server;
  private AccessLog accessLog = AccessLog.NONE;
  private List<InetSocketAddress> listening = List.of();
  private InetSocketAddress adminAddress;

  /**
   * A proxy for {@code initial}, not yet started.
   *
   * @param configPath the file reloads read, or null (quick mode: reload has nothing to read)
   * @param events where discrete events go (besides Redis, when the configuration names one)
   */
  public Proxy(ProxyConfig initial, Path configPath, EventSink events) {
    this.configPath = configPath;
    this.events = new ForwardingSink(events);
    this.config.set(initial);
    this.settings.set(ProxySettings.of(initial));
    this.tlsEngine =
        initial.listeners().stream().anyMatch(ListenerConfig::secure) ? TlsEngine.detect() : null;
    this.boss = transport.newGroup(1, "prescal-accept");
    this.workers = transport.newGroup(initial.workers(), "prescal-io");
    this.upstream = new UpstreamPool(transport, () -> settings.get().timeouts());
    this.healthChecks = new HealthChecks(registry, workers, transport);
    this.reconciler =
        new PoolReconciler(registry, this.events, scheduler, b -> upstream.closeIdle(b, workers));
    this.autoscaling = new Autoscaling(registry, this.events, b -> upstream.closeIdle(b, workers));
    this.commands = new ServiceCommands(registry, autoscaling);
    this.metricsSource = new PoolMetricsSource(registry, autoscaling::status);
  }

  /**
   * Starts publishing (when Redis is configured), builds the pools, starts autoscaling (adopting
   * running backends), binds listeners and the admin API, starts health checks.
   */
  public void start() throws IOException {
    ProxyConfig current = config.get();
    if (current.events() != null) {
      pipeline = RedisEventPipeline.start(current.events(), metricsSource, commands);
      events.also(pipeline);
    }
    reconciler.apply(current);
    healthChecks.apply(current);
    autoscaling.apply(current);
    if (current.accessLog().enabled()) {
      accessLog = new AsyncAccessLog(current.accessLog().path(), current.accessLog().queue());
    }
    ProxyContext context =
        new ProxyContext(
            registry, upstream, accessLog, new OutlierDetector(scheduler), settings::get);
    server = new ProxyServer(transport, boss, workers, context);
    boolean anyTls = current.listeners().stream().anyMatch(ListenerConfig::secure);
    listening = server.bind(current.listeners(), anyTls ? tlsEngine : null);
    if (anyTls) {
      scheduler.scheduleWithFixedDelay(server::checkCertificates, 1, 1, TimeUnit.SECONDS);
    }
    if (current.admin().enabled()) {
      adminAddress = admin.bind(current.admin(), this, transport, boss, scheduler);
    }
    scheduler.scheduleAtFixedRate(window::tick, 1, 1, TimeUnit.SECONDS);
    events.publish(null, new ProxyStarted(VERSION, List.copyOf(registry.pools().keySet())));
  }

  /**
   * Applies a new configuration without dropping connections. Listener and admin addresses need a
   * restart: a change there refuses the reload.
   *
   * @return the problems that kept it from running (empty: it runs now)
   */
  public synchronized List<String> apply(ProxyConfig next) {
    ProxyConfig running = config.get();
    List<String> problems = new ArrayList<>();
    if (!next.listeners().equals(running.listeners()) || !next.admin().equals(running.admin())) {
      problems.add(
          "listen/admin: changed (expected: the same as running; restart the proxy to move"
              + " listeners or change their TLS settings; certificate files are reloaded by"
              + " themselves when they change)");
    }
    if (!Objects.equals(next.events(), running.events())
        || !next.docker().equals(running.docker())) {
      problems.add(
          "events/docker: changed (expected: the same as running; restart the proxy to change"
              + " where events go or which Docker engine it uses)");
    }
    problems.addAll(autoscaling.refusals(next));
    if (!problems.isEmpty()) {
      return refused(running, problems);
    }
    settings.set(ProxySettings.of(next));
    reconciler.apply(next);
    healthChecks.apply(next);
    autoscaling.apply(next);
    config.set(next);
    events.publish(null, new ConfigReloaded(true, next.version(), List.of()));
    log.info("configuration {} applied", next.version());
    return List.of();
  }

  @Override
  public List<String> reload() {
    if (configPath == null) {
      return List.of("no configuration file: the proxy runs in quick mode (--listen/--backend)");
    }
    try {
      return apply(ConfigLoader.load(configPath));
    } catch (ConfigException e) {
      return refused(config.get(), e.problems());
    }
  }

  private List<String> refused(ProxyConfig running, List<String> problems) {
    log.warn(
        "configuration reload refused, {} keeps running:\n  {}",
        running.version(),
        String.join("\n  ", problems));
    events.publish(null, new ConfigReloaded(false, running.version(), problems));
    return problems;
  }

  @Override
  public Map<String, Object> status() {
    Map<String, Object> status =
        new StatusReport(registry, window, autoscaling::status)
            .build(VERSION, config.get().version());
    if (pipeline != null) {
      status.put("events", pipeline.stats());
    }
    if (server != null) {
      status.put("listeners", server.stats().stream().map(ListenerStats::toMap).toList());
    }
    return status;
  }

  @Override
  public String metrics() {
    String text = new PrometheusText(registry, window, autoscaling::status).render();
    if (server != null) {
      text += PrometheusText.listeners(server.stats());
    }
    return pipeline == null ? text : text + PrometheusText.publisher(pipeline.stats());
  }

  @Override
  public String drain(String service, String backendId) {
    CommandOutcome outcome = command(service, new DrainCommand(backendId, "admin"));
    return outcome.accepted() ? null : outcome.detail();
  }

  /** Applies an operator command from the admin API and publishes what became of it. */
  @Override
  public CommandOutcome command(String service, Command command) {
    String id = "admin-" + UUID.randomUUID();
    String type = EventType.of(command).wireName();
    try {
      String detail = commands.apply(service, command);
      log.info("admin: {} {}: {}", service, command.describe(), detail);
      events.publish(service, new CommandAccepted(id, type, detail));
      return new CommandOutcome(true, detail);
    } catch (CommandHandler.CommandRefusedException e) {
      log.info("admin: {} {} refused: {}", service, command.describe(), e.getMessage());
      events.publish(service, new CommandRejected(id, type, e.getMessage()));
      return new CommandOutcome(false, e.getMessage());
    }
  }

  /** Applies operator commands (for the Redis listener and the admin API). */
  public CommandHandler commands() {
    return commands;
  }

  /**
   * Stops gracefully: publishes proxy.stopping, stops accepting, waits up to the shutdown grace for
   * requests in flight, then closes everything.
   */
  public void stop(String reason) {
    events.publish(null, new ProxyStopping(reason));
    if (server != null) {
      server.close();
    }
    admin.close();
    long deadline = System.nanoTime() + config.get().timeouts().shutdownGrace().toNanos();
    while (inFlight() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    if (inFlight() > 0) {
      log.warn("stopping with {} request(s) still in flight", inFlight());
    }
    close();
  }

  private int inFlight() {
    return registry.pools().values().stream().mapToInt(ServicePool::inFlight).sum();
  }

  /**
   * Closes everything at once (no wait for requests in flight: see {@link #stop}). Autoscaled
   * backends are stopped or left running as each service's {@code provider.shutdown} says; the
   * event pipeline closes last, so the events of the way down are published.
   */
  @Override
  public void close() {
    healthChecks.close();
    if (server != null) {
      server.close();
    }
    admin.close();
    autoscaling.close();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    scheduler.shutdownNow();
    if (accessLog instanceof AsyncAccessLog async) {
      async.close();
    }
    if (pipeline != null) {
      pipeline.close();
    }
  }

  public ServiceRegistry registry() {
    return registry;
  }

  /** The event publisher's counters, or null when no Redis is configured. */
  public PublisherStats publisherStats() {
    return pipeline == null ? null : pipeline.stats();
  }

  /** The per-interval figures for the metrics publisher. */
  public MetricsSource metricsSource() {
    return metricsSource;
  }

  /** The addresses the proxy listens on (with the ports picked when 0 was configured). */
  public List<InetSocketAddress> listening() {
    return listening;
  }

  /** The TLS engine of the TLS listeners, or null when there are none. */
  public TlsEngine tlsEngine() {
    return tlsEngine;
  }

  /** The admin API's address, or null when it is off. */
  public InetSocketAddress adminAddress() {
    return adminAddress;
  }

  public ProxyConfig config() {
    return config.get();
  }

  public EventLoopGroup workers() {
    return workers;
  }

  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** The proxy's version. */
  public static String version() {
    return VERSION;
  }

  private static String versionOf() {
    String version = Proxy.class.getPackage().getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
