package io.prescal.proxy.metrics;

import io.prescal.common.event.BackendState;
import io.prescal.common.metrics.LatencyHistogram;
import io.prescal.proxy.autoscale.ScaleStatus;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.ServiceRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/** The admin {@code /status} document: services, backends with state, load and latency. */
public final class StatusReport {
  private final ServiceRegistry registry;
  private final TrafficWindow window;
  private final Function<String, ScaleStatus> scaling;

  /**
   * @param scaling a service's autoscaling status, or null when it is not autoscaled
   */
  public StatusReport(
      ServiceRegistry registry, TrafficWindow window, Function<String, ScaleStatus> scaling) {
    this.registry = registry;
    this.window = window;
    this.scaling = scaling;
  }

  /** The document as nested maps and lists (rendered as JSON by the admin API). */
  public Map<String, Object> build(String version, String configVersion) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", version);
    root.put("config", configVersion);
    root.put("windowSeconds", TrafficWindow.SECONDS);
    List<Object> services = new ArrayList<>();
    for (ServicePool pool : registry.pools().values()) {
      Map<String, Object> service = new LinkedHashMap<>();
      service.put("name", pool.name());
      service.put("ready", pool.snapshot().count(BackendState.READY));
      service.put("inFlight", pool.inFlight());
      service.put("requests", pool.requestCount());
      service.put("rejected", pool.rejectedCount());
      service.put("queued", pool.noBackendPolicy().queueLength());
      List<Object> backends = new ArrayList<>();
      for (Backend backend : pool.snapshot().all()) {
        backends.add(backend(backend));
      }
      ScaleStatus scaled = scaling.apply(pool.name());
      if (scaled != null) {
        service.put("autoscaling", ScalingReport.of(scaled));
      }
      service.put("backends", backends);
      services.add(service);
    }
    root.put("services", services);
    return root;
  }

  private Map<String, Object> backend(Backend backend) {
    LatencyHistogram recent = window.recent(backend);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", backend.id());
    out.put("address", backend.addressText());
    out.put("kind", backend.kind().name().toLowerCase(Locale.ROOT));
    out.put("state", backend.state().name().toLowerCase(Locale.ROOT));
    out.put("weight", backend.weight());
    out.put("inFlight", backend.inFlight());
    out.put("requests", backend.stats().requests());
    out.put("ratePerSecond", Math.round(window.rate(backend) * 10) / 10.0);
    out.put("p50Millis", recent.percentileMicros(50) / 1000.0);
    out.put("p99Millis", recent.percentileMicros(99) / 1000.0);
    out.put("ejections", backend.outlier().ejections());
    if (backend.ejectedBy() != null) {
      out.put("ejectedBy", backend.ejectedBy());
    }
    return out;
  }
}
