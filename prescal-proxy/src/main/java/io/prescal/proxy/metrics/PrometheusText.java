package io.prescal.proxy.metrics;

import io.prescal.common.event.BackendState;
import io.prescal.common.metrics.LatencyHistogram;
import io.prescal.proxy.autoscale.ScaleStatus;
import io.prescal.proxy.events.PublisherStats;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ErrorClass;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.ServiceRegistry;
import io.prescal.proxy.server.ListenerStats;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Renders the proxy's counters in the Prometheus text exposition format (version 0.0.4). */
public final class PrometheusText {
  private static final double[] BUCKETS = {
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30
  };
  private static final String[] CLASSES = {"1xx", "2xx", "3xx", "4xx", "5xx"};

  private final ServiceRegistry registry;
  private final TrafficWindow window;
  private final Function<String, ScaleStatus> scaling;

  /**
   * @param scaling a service's autoscaling status, or null when it is not autoscaled
   */
  public PrometheusText(
      ServiceRegistry registry, TrafficWindow window, Function<String, ScaleStatus> scaling) {
    this.registry = registry;
    this.window = window;
    this.scaling = scaling;
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
    perService(
        out,
        "prescal_service_queued",
        "gauge",
        "Requests waiting for a ready backend (hold queue).",
        pool -> pool.noBackendPolicy().queueLength());
    autoscaling(out);
    return out.toString();
  }

  /** The event publisher's counters. */
  public static String publisher(PublisherStats stats) {
    StringBuilder out = new StringBuilder(512);
    header(out, "prescal_events_published_total", "counter", "Messages that reached Redis.");
    out.append("prescal_events_published_total ").append(stats.published()).append('\n');
    header(
        out,
        "prescal_events_dropped_total",
        "counter",
        "Messages dropped (oldest first) while Redis was slow or away.");
    out.append("prescal_events_dropped_total ").append(stats.dropped()).append('\n');
    header(out, "prescal_events_queued", "gauge", "Messages waiting for Redis.");
    out.append("prescal_events_queued ").append(stats.queued()).append('\n');
    header(out, "prescal_events_connected", "gauge", "1 while Redis takes what is published.");
    out.append("prescal_events_connected ").append(stats.connected() ? 1 : 0).append('\n');
    header(
        out,
        "prescal_commands_accepted_total",
        "counter",
        "Operator commands read on prescal:commands and applied.");
    out.append("prescal_commands_accepted_total ").append(stats.commandsAccepted()).append('\n');
    header(
        out,
        "prescal_commands_rejected_total",
        "counter",
        "Messages read on prescal:commands and refused, by reason.");
    stats
        .commandsRejected()
        .forEach(
            (reason, count) ->
                out.append("prescal_commands_rejected_total{reason=\"")
                    .append(reason)
                    .append("\"} ")
                    .append(count)
                    .append('\n'));
    return out.toString();
  }

  /** Each listener's connection counters and the refusals the edge made. */
  public static String listeners(List<ListenerStats> listeners) {
    StringBuilder out = new StringBuilder(1024);
    header(out, "prescal_listener_connections", "gauge", "Client connections open now.");
    for (ListenerStats l : listeners) {
      line(out, "prescal_listener_connections", listener(l), l.open());
    }
    header(
        out,
        "prescal_listener_paused_total",
        "counter",
        "Times the listener stopped accepting at limits.maxConnections.");
    for (ListenerStats l : listeners) {
      line(out, "prescal_listener_paused_total", listener(l), l.paused());
    }
    header(
        out,
        "prescal_listener_rejected_total",
        "counter",
        "Connections closed at once: accepted past limits.maxConnections, over"
            + " limits.maxConnectionsPerClient, or failing TLS.");
    for (ListenerStats l : listeners) {
      line(
          out,
          "prescal_listener_rejected_total",
          listener(l) + ",reason=\"max_connections\"",
          l.overLimit());
      line(
          out,
          "prescal_listener_rejected_total",
          listener(l) + ",reason=\"max_connections_per_client\"",
          l.perClientRejected());
      line(
          out, "prescal_listener_rejected_total", listener(l) + ",reason=\"tls\"", l.tlsFailures());
    }
    header(
        out,
        "prescal_request_head_timeouts_total",
        "counter",
        "Requests answered 408: the head did not arrive within timeouts.requestHead.");
    for (ListenerStats l : listeners) {
      line(out, "prescal_request_head_timeouts_total", listener(l), l.headTimeouts());
    }
    return out.toString();
  }

  private static String listener(ListenerStats l) {
    return "listener=\"" + esc(l.address()) + "\"";
  }

  private void autoscaling(StringBuilder out) {
    Map<String, ScaleStatus> scaled = new LinkedHashMap<>();
    for (String service : registry.pools().keySet()) {
      ScaleStatus status = scaling.apply(service);
      if (status != null) {
        scaled.put(service, status);
      }
    }
    if (scaled.isEmpty()) {
      return;
    }
    gauge(
        out,
        scaled,
        "prescal_autoscaler_desired_replicas",
        "Replicas the autoscaler wants.",
        ScaleStatus::desired);
    gauge(
        out,
        scaled,
        "prescal_autoscaler_current_replicas",
        "Replicas starting or ready (not those being retired).",
        ScaleStatus::current);
    gauge(
        out,
        scaled,
        "prescal_autoscaler_provider_available",
        "1 while the provider can start and stop backends.",
        s -> s.available() ? 1 : 0);
    header(
        out,
        "prescal_warm_backends",
        "gauge",
        "Warm backends (not replicas): frozen and ready to thaw, or starting.");
    for (var e : scaled.entrySet()) {
      String service = "service=\"" + esc(e.getKey()) + "\"";
      line(
          out,
          "prescal_warm_backends",
          service + ",state=\"frozen\"",
          e.getValue().warm().frozen());
      line(
          out,
          "prescal_warm_backends",
          service + ",state=\"starting\"",
          e.getValue().warm().starting());
    }
    header(
        out,
        "prescal_cold_start_seconds",
        "summary",
        "Time from the first request held with no backend ready to the first backend ready.");
    for (var e : scaled.entrySet()) {
      String labels = "service=\"" + esc(e.getKey()) + "\"";
      out.append("prescal_cold_start_seconds_sum{")
          .append(labels)
          .append("} ")
          .append(String.format(Locale.ROOT, "%.3f", e.getValue().coldStarts().totalMillis() / 1e3))
          .append('\n');
      line(out, "prescal_cold_start_seconds_count", labels, e.getValue().coldStarts().count());
    }
    header(out, "prescal_cold_start_last_seconds", "gauge", "The last cold start's length.");
    for (var e : scaled.entrySet()) {
      out.append("prescal_cold_start_last_seconds{service=\"")
          .append(esc(e.getKey()))
          .append("\"} ")
          .append(String.format(Locale.ROOT, "%.3f", e.getValue().coldStarts().lastMillis() / 1e3))
          .append('\n');
    }
  }

  private static void gauge(
      StringBuilder out,
      Map<String, ScaleStatus> scaled,
      String name,
      String help,
      ToLongFunction<ScaleStatus> value) {
    header(out, name, "gauge", help);
    for (var e : scaled.entrySet()) {
      line(out, name, "service=\"" + esc(e.getKey()) + "\"", value.applyAsLong(e.getValue()));
    }
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
