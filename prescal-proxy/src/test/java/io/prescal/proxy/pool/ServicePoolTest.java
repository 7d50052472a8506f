package io.prescal.proxy.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendDraining;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.HealthChanged;
import io.prescal.common.event.HealthState;
import io.prescal.common.event.PrescalEvent;
import io.prescal.proxy.testing.TestPools;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool's lifecycle: join, ready, drain, remove, eject, restore, and the events. */
class ServicePoolTest {
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<PrescalEvent> events = new CopyOnWriteArrayList<>();
  private final ServicePool pool =
      new ServicePool(
          "web",
          TestPools.settings(Duration.ofMillis(300)),
          (service, event) -> events.add(event),
          scheduler);
  private final PickContext ctx = new PickContext(new DefaultHttpHeaders(), null);

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private Backend backend(int port) {
    return Backend.ofStatic(new InetSocketAddress("127.0.0.1", port), 1);
  }

  @Test
  void startingBackendsGetNoTrafficUntilReady() {
    Backend b = backend(1);
    pool.add(b);
    assertThat(b.state()).isEqualTo(BackendState.STARTING);
    assertThat(pool.pick(ctx, List.of())).isNull();
    assertThat(pool.markReady(b.id())).isTrue();
    assertThat(pool.pick(ctx, List.of())).isSameAs(b);
    assertThat(pool.markReady(b.id())).isFalse();
    assertThat(events).hasSize(2);
    assertThat(events.get(0)).isInstanceOf(BackendAdded.class);
    assertThat(((BackendReady) events.get(1)).backendId()).isEqualTo("127.0.0.1:1");
  }

  @Test
  void duplicateIdsAreRefused() {
    pool.add(backend(1));
    assertThatThrownBy(() -> pool.add(backend(1))).hasMessageContaining("127.0.0.1:1");
  }

  @Test
  void drainWaitsForInFlightRequestsThenRemoveReportsACleanDrain() throws Exception {
    Backend b = backend(1);
    pool.add(b);
    pool.markReady(b.id());
    b.beginRequest();
    b.beginRequest();
    CompletableFuture<DrainResult> drained = pool.drain(b.id(), "scale-down");
    assertThat(pool.pick(ctx, List.of())).isNull();
    assertThat(drained).isNotDone();
    b.endRequest();
    assertThat(drained).isNotDone();
    b.endRequest();
    DrainResult result = drained.get(1, TimeUnit.SECONDS);
    assertThat(result.clean()).isTrue();
    assertThat(pool.remove(b.id(), "scale-down")).isTrue();
    assertThat(b.state()).isEqualTo(BackendState.REMOVED);
    assertThat(pool.snapshot().all()).isEmpty();
    assertThat(events).hasAtLeastOneElementOfType(BackendDraining.class);
    BackendRemoved removed = (BackendRemoved) events.get(events.size() - 1);
    assertThat(removed.abandoned()).isZero();
    assertThat(((BackendDraining) events.get(2)).inFlight()).isEqualTo(2);
  }

  @Test
  void drainTimeoutReportsAbandonedRequests() throws Exception {
    Backend b = backend(1);
    pool.add(b);
    pool.markReady(b.id());
    b.beginRequest();
    DrainResult result = pool.drain(b.id(), "operator").get(2, TimeUnit.SECONDS);
    assertThat(result.abandoned()).isEqualTo(1);
    assertThat(result.drainMillis()).isGreaterThanOrEqualTo(250);
    pool.remove(b.id(), "operator");
    assertThat(((BackendRemoved) events.get(events.size() - 1)).abandoned()).isEqualTo(1);
  }

  @Test
  void idleBackendDrainsAtOnce() throws Exception {
    Backend b = backend(1);
    pool.add(b);
    pool.markReady(b.id());
    assertThat(pool.drain(b.id(), "x").get(100, TimeUnit.MILLISECONDS).clean()).isTrue();
  }

  @Test
  void ejectionIsUndoneOnlyByTheCheckThatEjected() {
    Backend b = backend(1);
    pool.add(b);
    pool.markReady(b.id());
    assertThat(pool.eject(b.id(), "passive", "5 consecutive 5xx")).isTrue();
    assertThat(pool.pick(ctx, List.of())).isNull();
    assertThat(pool.restore(b.id(), "active", "probe ok")).isFalse();
    assertThat(pool.restore(b.id(), "passive", "time over")).isTrue();
    assertThat(pool.pick(ctx, List.of())).isSameAs(b);
    HealthChanged ejected = (HealthChanged) events.get(2);
    assertThat(ejected.to()).isEqualTo(HealthState.EJECTED);
    assertThat(((HealthChanged) events.get(3)).to()).isEqualTo(HealthState.HEALTHY);
  }

  @Test
  void countsInFlightAndRequestsForTheAutoscaler() {
    Backend a = backend(1);
    Backend c = backend(2);
    pool.add(a);
    pool.add(c);
    a.beginRequest();
    c.beginRequest();
    c.beginRequest();
    pool.countRequest();
    pool.countRequest();
    assertThat(pool.inFlight()).isEqualTo(3);
    assertThat(pool.requestCount()).isEqualTo(2);
  }

  @Test
  void readyListenersHearNewBackends() {
    List<Backend> heard = new CopyOnWriteArrayList<>();
    pool.onReady(heard::add);
    Backend b = backend(1);
    pool.add(b);
    pool.markReady(b.id());
    assertThat(heard).containsExactly(b);
  }

  @Test
  void pickSkipsBackendsAlreadyTried() {
    Backend a = backend(1);
    Backend c = backend(2);
    pool.add(a);
    pool.add(c);
    pool.markReady(a.id());
    pool.markReady(c.id());
    for (int i = 0; i < 5; i++) {
      assertThat(pool.pick(ctx, List.of(a))).isSameAs(c);
    }
    assertThat(pool.pick(ctx, List.of(a, c))).isNull();
  }
}
