package io.prescal.proxy.metrics;

import io.prescal.common.event.BackendMetrics;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ServiceMetrics;
import io.prescal.common.metrics.LatencyHistogram;
import io.prescal.proxy.autoscale.ScaleStatus;
import io.prescal.proxy.events.MetricsSource;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.BackendStats;
import io.prescal.proxy.pool.ErrorClass;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.ServiceRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The pools' figures for the metrics publisher: each call closes an interval, so counts are deltas
 * since the previous call and latency is what was recorded in between.
 */
public final class PoolMetricsSource implements MetricsSource {
  private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};
  private final ServiceRegistry registry;
  private final Function<String, ScaleStatus> scaling;
  private final Map<Backend, long[]> previous = new ConcurrentHashMap<>();
  private final Map<String, Long> previousRejected = new ConcurrentHashMap<>();

  /** Figures of static services only: desired = ready, no autoscaler. */
  public PoolMetricsSource(ServiceRegistry registry) {
    this(registry, service -> null);
  }

  /**
   * @param scaling a service's autoscaling status, or null when it is not autoscaled
   */
  public PoolMetricsSource(ServiceRegistry registry, Function<String, ScaleStatus> scaling) {
    this.registry = registry;
    this.scaling = scaling;
  }

  @Override
  public synchronized MetricsSnapshot snapshot(long intervalMillis) {
    List<ServiceMetrics> services = new ArrayList<>();
    for (ServicePool pool : registry.pools().values()) {
      List<BackendMetrics> backends = new ArrayList<>();
      for (Backend backend : pool.snapshot().all()) {
        backends.add(backend(backend));
      }
      long rejected = pool.rejectedCount();
      long before = previousRejected.getOrDefault(pool.name(), 0L);
      previousRejected.put(pool.name(), rejected);
      int ready = pool.snapshot().count(BackendState.READY);
      ScaleStatus scaled = scaling.apply(pool.name());
      services.add(
          new ServiceMetrics(
              pool.name(),
              ready,
              scaled == null ? ready : scaled.desired(),
              pool.noBackendPolicy().queueLength(),
              rejected - before,
              scaled == null ? null : scaled.autoscaler(),
              backends));
    }
    previous.keySet().removeIf(b -> b.state() == BackendState.REMOVED);
    return new MetricsSnapshot(Math.max(1, intervalMillis), services);
  }

  private BackendMetrics backend(Backend backend) {
    BackendStats stats = backend.stats();
    long[] now = counters(stats);
    long[] before = previous.getOrDefault(backend, new long[now.length]);
    previous.put(backend, now);
    Map<String, Long> statusClasses = new LinkedHashMap<>();
    for (int i = 0; i < CLASSES.length; i++) {
      long delta = now[1 + i] - before[1 + i];
      if (delta > 0) {
        statusClasses.put(CLASSES[i], delta);
      }
    }
    Map<String, Long> errors = new LinkedHashMap<>();
    for (ErrorClass error : ErrorClass.values()) {
      long delta = now[6 + error.ordinal()] - before[6 + error.ordinal()];
      if (delta > 0) {
        errors.put(error.wireName(), delta);
      }
    }
    return new BackendMetrics(
        backend.id(),
        backend.addressText(),
        backend.kind(),
        backend.container(),
        backend.image(),
        backend.state(),
        backend.startedAt(),
        now[0] - before[0],
        statusClasses,
        errors,
        backend.inFlight(),
        LatencyHistogram.of(stats.takeMetricsLatency(null)));
  }

  private static long[] counters(BackendStats stats) {
    long[] values = new long[6 + ErrorClass.values().length];
    values[0] = stats.requests();
    for (int i = 1; i <= 5; i++) {
      values[i] = stats.statusClass(i);
    }
    for (ErrorClass error : ErrorClass.values()) {
      values[6 + error.ordinal()] = stats.errors(error);
    }
    return values;
  }
}
