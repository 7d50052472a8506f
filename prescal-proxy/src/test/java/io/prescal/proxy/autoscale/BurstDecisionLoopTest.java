package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.PrescalEvent;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleMode;
import io.prescal.proxy.config.ConfigLoader;
import io.prescal.proxy.config.ScalingConfig;
import io.prescal.proxy.config.ServiceConfig;
import io.prescal.proxy.config.ShutdownPolicy;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.PickContext;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.provider.Headroom;
import io.prescal.proxy.testing.TestPools;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scale loop decides within a tick of a burst: requests that bring a backend to the panic
 * level, or one held while nothing is ready, prompt a decision at once, long before the next tick
 * (a minute away here), and the decision carries the time from the moment the request path saw it.
 */
class BurstDecisionLoopTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<PrescalEvent> events = new CopyOnWriteArrayList<>();
  private final ServicePool pool = TestPools.pool("web", (s, e) -> events.add(e), scheduler);
  private final TestBackendProvider provider = new TestBackendProvider();
  private final PickContext context = new PickContext(new DefaultHttpHeaders(), null);
  private ScaleLoop loop;

  @AfterEach
  void stop() {
    if (loop != null) {
      loop.close(ShutdownPolicy.STOP);
    }
    provider.closeAll();
    scheduler.shutdownNow();
  }

  private void start(String autoscale, InstantSource clock) throws Exception {
    start(autoscale, clock, () -> {});
  }

  /** Builds the loop, runs {@code beforeStart}, then starts it (its first tick runs at once). */
  private void start(String autoscale, InstantSource clock, Runnable beforeStart) throws Exception {
    ServiceConfig config =
        ConfigLoader.parse(
                """
                services:
                  - name: web
                    provider: {type: process, command: ["serve", "{port}"], stopGrace: 1s}
                    readiness: {interval: 50ms, deadline: 5s}
                    autoscale: {tick: 60s, panicWindow: 60s, stableWindow: 120s, %s}
                """
                    .formatted(autoscale),
                "test")
            .service("web");
    loop =
        new ScaleLoop(
            config,
            ScalingConfig.DEFAULTS,
            pool,
            new ServiceProvider(provider, "test", () -> null, Headroom.UNBOUNDED),
            (service, event) -> events.add(event),
            b -> {},
            clock);
    beforeStart.run();
    loop.start();
  }

  private List<ScaleDecision> decisions() {
    return events.stream()
        .filter(ScaleDecision.class::isInstance)
        .map(ScaleDecision.class::cast)
        .toList();
  }

  /** What the request path does for one request: pick (which watches for bursts), then count. */
  private Backend request() {
    Backend picked = pool.pick(context, List.of());
    picked.beginRequest();
    return picked;
  }

  @Test
  void aBackendAtThePanicLevelPromptsADecisionLongBeforeTheNextTick() throws Exception {
    // 2 in flight per replica at full utilization: panic at 4 in flight on one backend.
    start("min: 1, max: 4, targetInFlight: 2, targetUtilization: 1.0", InstantSource.system());
    await().atMost(WAIT).until(() -> pool.snapshot().count(BackendState.READY) == 1);
    int before = decisions().size();

    List<Backend> busy = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      busy.add(request());
    }
    // 3 in flight: below the panic level, so nothing is decided before the next tick.
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> decisions().size() == before);

    busy.add(request()); // the fourth: 2x the capacity of the one ready replica
    await().atMost(WAIT).until(() -> decisions().size() > before);

    ScaleDecision decision = decisions().getLast();
    assertThat(decision.mode()).isEqualTo(ScaleMode.PANIC);
    assertThat(decision.desiredReplicas()).isEqualTo(2);
    assertThat(decision.inputs().observedConcurrency()).isEqualTo(4.0);
    assertThat(decision.reason()).contains("4.0 in flight seen at once");
    assertThat(decision.decisionLatencyMillis()).isNotNull().isNotNegative();
    assertThat(loop.status().lastDecision().decisionLatencyMillis()).isNotNull();
    await().atMost(WAIT).until(() -> pool.snapshot().count(BackendState.READY) == 2);
    busy.forEach(Backend::endRequest);
  }

  @Test
  void aRequestHeldAtZeroPromptsADecisionWithItsLatency() throws Exception {
    // The loop's clock says the service has been idle past its grace: the first tick goes to zero.
    var clock = new ShiftedClock();
    start(
        "min: 0, max: 2, scaleToZero: true, idleGrace: 5s",
        clock,
        () -> clock.shift = Duration.ofSeconds(10));
    await().atMost(WAIT).until(() -> loop.status().lastDecision() != null);
    assertThat(loop.status().desired()).isZero();
    assertThat(provider.starts).hasValue(0);

    CompletableFuture<Backend> held = pool.noBackendPolicy().onNoBackend(pool, context);

    assertThat(held.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS)).isNotNull();
    ScaleDecision decision = decisions().getLast();
    assertThat(decision.desiredReplicas()).isEqualTo(1);
    assertThat(decision.reason()).startsWith("a request arrived at zero replicas");
    assertThat(decision.decisionLatencyMillis()).isNotNull().isNotNegative();
  }

  /** The system clock, moved on by {@code shift} (read by the scale thread). */
  private static final class ShiftedClock implements InstantSource {
    volatile Duration shift = Duration.ZERO;

    @Override
    public Instant instant() {
      return Instant.now().plus(shift);
    }
  }
}
