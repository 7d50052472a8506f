package io.prescal.proxy.metrics;

import io.prescal.common.event.BackendState;
import io.prescal.common.metrics.LatencyHistogram;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ErrorClass;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.ServiceRegistry;
import java.util.Locale;
import java.util.function.ToLongFunction;

/** Renders the proxy's counters in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {
  private static final double[] BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };
  private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

  private final ServiceRegistry registry;
  private final TrafficWindow window;

  public PrometheusText(ServiceRegistry registry, TrafficWindow window) {
    this.registry = registry;
    this.window = window;
  }

  /** The whole exposition. */
  public String render() {
    StringBuilder out = new StringBuilder(4096);
    header(out, "prescal_requests_total", "counter", "Responses from backends by status class.");
    forEachBackend(
        (pool, b) -> {
          for (int i = 1; i <= 5; i++) {
            line(
                out,
                "prescal_requests_total",
                labels(pool, b) + ",code=\"" + CLASSES[i - 1] + "\"",
                b.stats().statusClass(i));
          }
        });
    header(out, "prescal_backend_errors_total", "counter", "Failed requests by class.");
    forEachBackend(
        (pool, b) -> {
          for (ErrorClass error : ErrorClass.values()) {
            line(
                out,
                "prescal_backend_errors_total",
                labels(pool, b) + ",class=\"" + error.wireName() + "\"",
                b.stats().errors(error));
          }
        });
    header(out, "prescal_backend_in_flight", "gauge", "Requests in flight per backend.");
    forEachBackend(
        (pool, b) -> line(out, "prescal_backend_in_flight", labels(pool, b), b.inFlight()));
    header(out, "prescal_request_duration_seconds", "histogram", "Backend response time.");
    forEachBackend((pool, b) -> histogram(out, labels(pool, b), window.total(b)));
    header(out, "prescal_backends", "gauge", "Backends per service by state.");
    for (ServicePool pool : registry.pools().values()) {
      for (BackendState state : BackendState.values()) {
        if (state != BackendState.REMOVED) {
          line(
              out,
              "prescal_backends",
              "service=\""
                  + esc(pool.name())
                  + "\",state=\""
                  + state.name().toLowerCase(Locale.ROOT)
                  + "\"",
              pool.snapshot().count(state));
        }
      }
    }
    perService(
        out,
        "prescal_service_requests_total",
        "counter",
        "Requests routed per service.",
        ServicePool::requestCount);
    perService(
        out,
        "prescal_service_rejected_total",
        "counter",
        "Requests answered 503 by the proxy (no backend).",
        ServicePool::rejectedCount);
    perService(
        out,
        "prescal_service_in_flight",
        "gauge",
        "Requests in flight per service.",
        ServicePool::inFlight);
    return out.toString();
  }

  private void perService(
      StringBuilder out, String name, String type, String help, ToLongFunction<ServicePool> value) {
    header(out, name, type, help);
    for (ServicePool pool : registry.pools().values()) {
      line(out, name, "service=\"" + esc(pool.name()) + "\"", value.applyAsLong(pool));
    }
  }

  private void histogram(StringBuilder out, String labels, LatencyHistogram latency) {
    org.HdrHistogram.Histogram h = LatencyHistogram.newHistogram();
    latency.addTo(h);
    for (double bucket : BUCKETS) {
      long micros = (long) (bucket * 1_000_000);
      long count = h.getTotalCount() == 0 ? 0 : h.getCountBetweenValues(0, micros);
      line(
          out, "prescal_request_duration_seconds_bucket", labels + ",le=\"" + bucket + "\"", count);
    }
    line(
        out, "prescal_request_duration_seconds_bucket", labels + ",le=\"+Inf\"", h.getTotalCount());
    out.append("prescal_request_duration_seconds_sum{")
        .append(labels)
        .append("} ")
        .append(String.format(Locale.ROOT, "%.6f", h.getMean() * h.getTotalCount() / 1e6))
        .append('\n');
    line(out, "prescal_request_duration_seconds_count", labels, h.getTotalCount());
  }

  private void forEachBackend(java.util.function.BiConsumer<ServicePool, Backend> action) {
    for (ServicePool pool : registry.pools().values()) {
      for (Backend backend : pool.snapshot().all()) {
        action.accept(pool, backend);
      }
    }
  }

  private static String labels(ServicePool pool, Backend backend) {
    return "service=\"" + esc(pool.name()) + "\",backend=\"" + esc(backend.id()) + "\"";
  }

  private static void header(StringBuilder out, String name, String type, String help) {
    out.append("# HELP ").append(name).append(' ').append(help).append('\n');
    out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static void line(StringBuilder out, String name, String labels, long value) {
    out.append(name).append('{').append(labels).append("} ").append(value).append('\n');
  }

  private static String esc(String value) {
    return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
