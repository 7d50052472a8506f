package io.prescal.event.it;

import io.prescal.common.event.BackendKind;
import io.prescal.common.event.BackendMetrics;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ServiceMetrics;
import io.prescal.common.metrics.LatencyHistogram;
import io.prescal.proxy.events.MetricsSource;
import io.prescal.proxy.events.RedisEventPipeline;
import io.prescal.proxy.events.RedisSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.Histogram;

/**
 * A proxy instance without a proxy: the real {@link RedisEventPipeline} fed by a metrics source
 * that reports, per interval, a fixed traffic pattern for one service and backend.
 */
final class FakeProxy implements AutoCloseable {

  /**
   * What one interval of one backend looks like.
   *
   * @param requests responses in the interval
   * @param errors failed ones among them (5xx)
   * @param latency their latencies
   */
  record Traffic(long requests, long errors, LatencyHistogram latency) {}

  private final AtomicReference<Traffic> traffic;
  final RedisEventPipeline pipeline;

  FakeProxy(String uri, String id, String service, String backendId, Traffic initial) {
    this(RedisSettings.of(uri).withInstanceId(id), service, backendId, initial);
  }

  FakeProxy(RedisSettings settings, String service, String backendId, Traffic initial) {
    this.traffic = new AtomicReference<>(initial);
    Instant started = Instant.now();
    MetricsSource source =
        intervalMillis -> {
          Traffic t = traffic.get();
          BackendMetrics backend =
              new BackendMetrics(
                  backendId,
                  "127.0.0.1:9",
                  BackendKind.STATIC,
                  null,
                  null,
                  BackendState.READY,
                  started,
                  t.requests(),
                  Map.of("2xx", t.requests() - t.errors(), "5xx", t.errors()),
                  t.errors() == 0 ? Map.of() : Map.of("status", t.errors()),
                  1,
                  t.latency());
          return new MetricsSnapshot(
              intervalMillis,
              List.of(new ServiceMetrics(service, 1, 1, 0, 0, null, List.of(backend))));
        };
    this.pipeline =
        RedisEventPipeline.start(
            settings.withMetricsInterval(Duration.ofSeconds(1)), source, (s, c) -> "ok");
  }

  void traffic(Traffic next) {
    traffic.set(next);
  }

  /** {@code count} latencies of {@code millis} each. */
  static LatencyHistogram latencies(long count, long millis) {
    Histogram h = LatencyHistogram.newHistogram();
    h.recordValueWithCount(millis * 1000, count);
    return LatencyHistogram.of(h);
  }

  @Override
  public void close() {
    pipeline.close();
  }
}
