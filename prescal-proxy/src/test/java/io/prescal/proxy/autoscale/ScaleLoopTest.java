package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendDraining;
import io.prescal.common.event.BackendFailed;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.DrainCommand;
import io.prescal.common.event.PauseCommand;
import io.prescal.common.event.PrescalEvent;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleMode;
import io.prescal.common.event.ScalingPaused;
import io.prescal.common.event.ScalingResumed;
import io.prescal.proxy.config.ConfigLoader;
import io.prescal.proxy.config.ScalingConfig;
import io.prescal.proxy.config.ServiceConfig;
import io.prescal.proxy.config.ShutdownPolicy;
import io.prescal.proxy.events.CommandHandler.CommandRefusedException;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.provider.Headroom;
import io.prescal.proxy.testing.TestPools;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The scale loop with real HTTP backends on loopback: starts join after readiness, scale in drains
 * the least busy, failed starts back off, deaths are replaced, a provider away pauses scaling,
 * running backends are adopted. The Docker and process providers run the same loop in the ITs.
 */
class ScaleLoopTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<PrescalEvent> events = new CopyOnWriteArrayList<>();
  private final List<Backend> removed = new CopyOnWriteArrayList<>();
  private final ServicePool pool = TestPools.pool("web", (s, e) -> events.add(e), scheduler);
  private final TestBackendProvider provider = new TestBackendProvider();
  private ScaleLoop loop;

  @AfterEach
  void stop() {
    if (loop != null) {
      loop.close(ShutdownPolicy.STOP);
    }
    provider.closeAll();
    scheduler.shutdownNow();
  }

  private ScaleLoop start(String autoscale) throws Exception {
    ServiceConfig config =
        ConfigLoader.parse(
                """
                services:
                  - name: web
                    provider: {type: process, command: ["serve", "{port}"], stopGrace: 1s}
                    readiness: {interval: 50ms, deadline: 5s}
                    autoscale: {tick: 100ms, panicWindow: 200ms, stableWindow: 1s, %s}
                """
                    .formatted(autoscale),
                "test")
            .service("web");
    loop =
        new ScaleLoop(
            config,
            ScalingConfig.DEFAULTS,
            pool,
            new ServiceProvider(
                provider, "test", () -> "the test provider is away", Headroom.UNBOUNDED),
            (service, event) -> events.add(event),
            removed::add,
            InstantSource.system());
    loop.start();
    return loop;
  }

  private int ready() {
    return pool.snapshot().count(BackendState.READY);
  }

  private <T extends PrescalEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void aFixedCountStartsBackendsThatJoinOnlyWhenReadyAndScaleInDrainsThenStops() throws Exception {
    start("min: 1, max: 5");
    await().atMost(WAIT).until(() -> ready() == 1);

    assertThat(loop.command(new ScaleCommand(3, "ops"))).isEqualTo("replicas fixed at 3");
    await().atMost(WAIT).until(() -> ready() == 3);
    for (String id : provider.provided.keySet()) {
      int added = indexOf(BackendAdded.class, id);
      assertThat(added).isNotNegative().isLessThan(indexOf(BackendReady.class, id));
    }
    assertThat(events(ScaleDecision.class)).anyMatch(d -> d.desiredReplicas() == 3);

    loop.command(new ScaleCommand(1, "ops"));
    await().atMost(WAIT).until(() -> pool.snapshot().all().size() == 1);
    await().atMost(WAIT).until(() -> provider.running.size() == 1);
    assertThat(events(BackendRemoved.class))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.abandoned()).isZero())
        .allSatisfy(r -> assertThat(r.reason()).isEqualTo("scale in"))
        .allSatisfy(
            r ->
                assertThat(indexOf(BackendDraining.class, r.backendId()))
                    .isLessThan(indexOf(BackendRemoved.class, r.backendId())));
    assertThat(provider.stopped).hasSize(2);
    assertThat(removed)
        .extracting(Backend::id)
        .containsExactlyInAnyOrderElementsOf(provider.stopped);
    await().atMost(Duration.ofSeconds(1)).until(() -> loop.status().current() == 1);
  }

  @Test
  void failedStartsArePublishedAndRetriedWithABackoffNotInAHotLoop() throws Exception {
    provider.failNext = 1_000;
    start("min: 1, max: 3");

    // 25 ticks. Backoff 1 s, then 2 s: attempts at about 0 s and 1 s (and 3 s), not one a tick.
    await()
        .during(Duration.ofMillis(2_500))
        .atMost(Duration.ofSeconds(5))
        .until(() -> provider.starts.get() <= 3);
    assertThat(provider.starts.get()).isBetween(1, 3);
    await()
        .atMost(Duration.ofSeconds(1))
        .until(() -> loop.status().failedStarts() == provider.starts.get());

    provider.failNext = 0; // the image is fixed
    await().atMost(WAIT).until(() -> ready() == 1);
    assertThat(events(BackendFailed.class))
        .hasSize(provider.starts.get() - 1)
        .allSatisfy(f -> assertThat(f.reason()).contains("image web:broken does not run"));
    await().atMost(Duration.ofSeconds(1)).until(() -> loop.status().failedStarts() == 0);
  }

  @Test
  void aBackendThatDiesIsPublishedDroppedAtOnceAndReplaced() throws Exception {
    start("min: 2, max: 3");
    await().atMost(WAIT).until(() -> ready() == 2);
    String victim = pool.snapshot().routable().getFirst().id();

    provider.kill(victim);

    await().atMost(WAIT).until(() -> pool.snapshot().find(victim) == null);
    BackendFailed failed = events(BackendFailed.class).getFirst();
    assertThat(failed.backendId()).isEqualTo(victim);
    assertThat(failed.exitCode()).isEqualTo(137);
    await().atMost(WAIT).until(() -> ready() == 2);
    assertThat(provider.starts).hasValue(3);
  }

  @Test
  void whileTheProviderIsAwayScalingPausesOnceAndResumesWhenItIsBack() throws Exception {
    provider.available = false;
    start("min: 1, max: 3");
    // Several ticks: paused once, nothing started.
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(3))
        .until(() -> events(ScalingPaused.class).size() <= 1 && provider.starts.get() == 0);

    assertThat(events(ScalingPaused.class))
        .singleElement()
        .extracting(ScalingPaused::reason)
        .isEqualTo("the test provider is away");
    assertThat(provider.starts).hasValue(0);
    assertThat(loop.status().available()).isFalse();

    provider.available = true;

    await().atMost(WAIT).until(() -> ready() == 1);
    assertThat(events(ScalingResumed.class)).hasSize(1);
  }

  @Test
  void runningBackendsAreAdoptedInsteadOfStartingNewOnes() throws Exception {
    provider.adoptable.add(provider.runningBackend("web-old"));
    start("min: 1, max: 3");

    await().atMost(WAIT).until(() -> ready() == 1);
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(3))
        .until(
            () ->
                provider.starts.get() == 0
                    && pool.snapshot().routable().stream()
                        .map(Backend::id)
                        .toList()
                        .equals(List.of("web-old")));

    assertThat(pool.snapshot().routable()).extracting(Backend::id).containsExactly("web-old");
    assertThat(provider.starts).hasValue(0);
  }

  @Test
  void aDrainedBackendIsStoppedAndReplacedAndAnUnknownOneRefused() throws Exception {
    start("min: 1, max: 3");
    await().atMost(WAIT).until(() -> ready() == 1);
    String first = pool.snapshot().routable().getFirst().id();

    assertThat(loop.command(new DrainCommand(first, "ops"))).startsWith("draining " + first);

    await().atMost(WAIT).until(() -> provider.stopped.contains(first));
    await().atMost(WAIT).until(() -> ready() == 1 && pool.snapshot().find(first) == null);
    assertThatThrownBy(() -> loop.command(new DrainCommand("web-nope", "ops")))
        .isInstanceOf(CommandRefusedException.class)
        .hasMessage("no backend web-nope in service web (see GET /status)");
  }

  @Test
  void aBackendDrainedWhilePausedIsReplacedSoPauseKeepsTheCount() throws Exception {
    start("min: 1, max: 3");
    await().atMost(WAIT).until(() -> ready() == 1);
    String first = pool.snapshot().routable().getFirst().id();

    loop.command(new PauseCommand("ops"));
    loop.command(new DrainCommand(first, "ops"));

    await().atMost(WAIT).until(() -> provider.stopped.contains(first));
    await().atMost(WAIT).until(() -> ready() == 1 && pool.snapshot().find(first) == null);
    assertThat(loop.status().autoscaler().mode()).isEqualTo(ScaleMode.PAUSED);
    assertThat(loop.status().desired()).isEqualTo(1);
  }

  @Test
  void closingWithStopStopsEveryBackendAndWithLeaveLeavesThemRunning() throws Exception {
    start("min: 2, max: 3");
    await().atMost(WAIT).until(() -> ready() == 2);

    loop.close(ShutdownPolicy.LEAVE);
    loop = null;
    assertThat(provider.running).hasSize(2);

    ServicePool second = TestPools.pool("web", (s, e) -> events.add(e), scheduler);
    provider.adoptable.addAll(provider.provided.values());
    loop =
        new ScaleLoop(
            ConfigLoader.parse(
                    "services:\n  - name: web\n    provider: {type: process, command: [\"{port}\"]}\n",
                    "t")
                .service("web"),
            ScalingConfig.DEFAULTS,
            second,
            new ServiceProvider(provider, "test", () -> null, Headroom.UNBOUNDED),
            (s, e) -> events.add(e),
            removed::add,
            InstantSource.system());
    loop.start();
    await().atMost(WAIT).until(() -> second.snapshot().count(BackendState.READY) == 2);

    loop.close(ShutdownPolicy.STOP);
    loop = null;
    assertThat(provider.running).isEmpty();
    assertThat(provider.starts).hasValue(2);
  }

  private int indexOf(Class<? extends PrescalEvent> type, String backendId) {
    for (int i = 0; i < events.size(); i++) {
      PrescalEvent e = events.get(i);
      if (type.isInstance(e) && e.toString().contains("backendId=" + backendId + ",")) {
        return i;
      }
    }
    return -1;
  }
}
