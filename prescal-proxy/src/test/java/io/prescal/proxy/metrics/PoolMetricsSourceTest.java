package io.prescal.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.BackendMetrics;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ServiceMetrics;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ErrorClass;
import io.prescal.proxy.pool.Route;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.ServiceRegistry;
import io.prescal.proxy.testing.TestPools;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each snapshot covers the interval since the previous one. */
class PoolMetricsSourceTest {

  @Test
  void snapshotsAreIntervalDeltas() {
    ServicePool pool = TestPools.pool("web", EventSink.NONE, null);
    Backend backend = Backend.ofStatic(new InetSocketAddress("127.0.0.1", 9001), 1);
    pool.add(backend);
    pool.markReady(backend.id());
    ServiceRegistry registry = new ServiceRegistry();
    registry.replace(List.of(new Route(List.of("*"), "/", pool)));
    PoolMetricsSource source = new PoolMetricsSource(registry);

    backend.stats().recordResponse(200, 1_000);
    backend.stats().recordResponse(200, 3_000);
    backend.stats().recordResponse(503, 2_000);
    backend.stats().recordError(ErrorClass.CONNECT);
    backend.beginRequest();
    pool.countRejected();

    MetricsSnapshot first = source.snapshot(1000);
    ServiceMetrics web = first.services().get(0);
    assertThat(web.readyReplicas()).isEqualTo(1);
    assertThat(web.rejected()).isEqualTo(1);
    BackendMetrics b = web.backends().get(0);
    assertThat(b.requests()).isEqualTo(3);
    assertThat(b.statusClasses()).containsEntry("2xx", 2L).containsEntry("5xx", 1L);
    assertThat(b.errors()).containsEntry("connect", 1L).containsEntry("status", 1L);
    assertThat(b.inFlight()).isEqualTo(1);
    assertThat(b.state()).isEqualTo(BackendState.READY);
    assertThat(b.latency().count()).isEqualTo(3);
    assertThat(b.latency().maxMicros()).isBetween(2_900L, 3_100L);

    backend.stats().recordResponse(204, 500);
    MetricsSnapshot second = source.snapshot(1000);
    BackendMetrics next = second.services().get(0).backends().get(0);
    assertThat(next.requests()).isEqualTo(1);
    assertThat(next.statusClasses()).containsExactly(java.util.Map.entry("2xx", 1L));
    assertThat(next.errors()).isEmpty();
    assertThat(next.latency().count()).isEqualTo(1);
    assertThat(second.services().get(0).rejected()).isZero();
  }
}
