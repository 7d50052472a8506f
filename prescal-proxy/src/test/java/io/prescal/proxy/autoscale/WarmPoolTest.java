package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendFailed;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.PrescalEvent;
import io.prescal.common.event.ScaleCommand;
import io.prescal.proxy.config.ConfigLoader;
import io.prescal.proxy.config.ProxyConfig;
import io.prescal.proxy.config.ShutdownPolicy;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.provider.Headroom;
import io.prescal.proxy.testing.TestPools;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The warm pool in the scale loop, with real HTTP backends on loopback: it fills to its size after
 * the replicas, its backends are frozen only once their probe connections are closed, a scale-out
 * thaws them before it starts anything, the pool refills, adopted frozen backends join it, and warm
 * backends count against the ceiling without ever being replicas. The Docker and process ITs freeze
 * for real.
 */
class WarmPoolTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final List<PrescalEvent> events = new CopyOnWriteArrayList<>();
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

  private ProxyConfig config(String scaling, String warmPool, String autoscale) throws Exception {
    return ConfigLoader.parse(
        """
        scaling: {%s}
        services:
          - name: web
            provider: {type: process, command: ["serve", "{port}"], stopGrace: 1s}
            readiness: {interval: 50ms, deadline: 5s}
            warmPool: {%s}
            autoscale: {tick: 100ms, panicWindow: 200ms, stableWindow: 1s, %s}
        """
            .formatted(scaling, warmPool, autoscale),
        "test");
  }

  private void start(String scaling, String warmPool, String autoscale) throws Exception {
    ProxyConfig config = config(scaling, warmPool, autoscale);
    loop =
        new ScaleLoop(
            config.service("web"),
            config.scaling(),
            pool,
            new ServiceProvider(provider, "test", () -> null, Headroom.UNBOUNDED),
            (service, event) -> events.add(event),
            b -> {},
            InstantSource.system());
    loop.start();
  }

  private int ready() {
    return pool.snapshot().count(BackendState.READY);
  }

  private Set<String> inPool() {
    return pool.snapshot().all().stream().map(Backend::id).collect(Collectors.toSet());
  }

  private <T extends PrescalEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }

  @Test
  void thePoolFillsAfterTheReplicasAndItsBackendsAreFrozenWithNoConnectionOpen() throws Exception {
    start("", "size: 2", "min: 1, max: 4");

    await().atMost(WAIT).until(() -> provider.frozen.size() == 2);
    await().atMost(WAIT).until(() -> ready() == 1);

    assertThat(provider.warmStarts).hasSize(2);
    assertThat(provider.starts).hasValue(3);
    assertThat(inPool()).hasSize(1).doesNotContainAnyElementsOf(provider.frozen);
    // The readiness probe's connections were closed before each freeze.
    assertThat(provider.openWhenFrozen).hasSize(2).containsOnlyKeys(provider.frozen);
    assertThat(provider.openWhenFrozen.values()).containsOnly(0);
    assertThat(events(BackendReady.class).stream().filter(BackendReady::fromWarmPool))
        .extracting(BackendReady::backendId)
        .containsExactlyInAnyOrderElementsOf(provider.frozen);
    assertThat(events(BackendAdded.class).stream().filter(BackendAdded::fromWarmPool)).hasSize(2);
    ScaleStatus status = loop.status();
    assertThat(status.current()).isEqualTo(1);
    assertThat(status.warm().frozen()).isEqualTo(2);
    assertThat(status.autoscaler().warmBackends()).isEqualTo(2);
    assertThat(status.autoscaler().bounds().warmPool()).isEqualTo(2);
  }

  @Test
  void aScaleOutThawsWarmBackendsBeforeItStartsAnyAndThePoolRefills() throws Exception {
    start("", "size: 2", "min: 1, max: 4");
    await().atMost(WAIT).until(() -> provider.frozen.size() == 2 && ready() == 1);
    Set<String> warm = Set.copyOf(provider.frozen);
    int starts = provider.starts.get();

    loop.command(new ScaleCommand(3, "ops"));

    await().atMost(WAIT).until(() -> ready() == 3);
    assertThat(provider.thawed).containsExactlyInAnyOrderElementsOf(warm);
    assertThat(inPool()).containsAll(warm);
    // They joined as replicas: added and ready again, without the warm mark.
    assertThat(events(BackendReady.class).stream().filter(r -> !r.fromWarmPool()))
        .extracting(BackendReady::backendId)
        .containsAll(warm);
    await().atMost(WAIT).until(() -> provider.frozen.size() == 2);
    assertThat(provider.starts.get()).isEqualTo(starts + 2); // the refill only
    assertThat(provider.frozen).doesNotContainAnyElementsOf(warm);
    assertThat(loop.status().current()).isEqualTo(3);
  }

  @Test
  void warmBackendsCountAgainstTheCeilingAndAreNeverReplicas() throws Exception {
    start("maxReplicas: 4", "size: 2", "min: 1, max: 2");
    await().atMost(WAIT).until(() -> provider.frozen.size() == 2 && ready() == 1);

    loop.command(new ScaleCommand(2, "ops"));
    // The ceiling holds throughout: the replica comes from the pool, the refill waits for room.
    await()
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> provider.running.size() <= 4);
    await().atMost(WAIT).until(() -> ready() == 2 && provider.frozen.size() == 2);

    assertThat(provider.running).hasSize(4);
    assertThat(loop.status().current()).isEqualTo(2);
    assertThat(loop.status().warm().frozen()).isEqualTo(2);
  }

  @Test
  void aFrozenBackendLeftByAPreviousProxyIsAdoptedIntoThePoolNotTheReplicas() throws Exception {
    provider.adoptable.add(provider.runningBackend("web-run"));
    provider.adoptableFrozen.add(provider.runningBackend("web-old"));
    start("", "size: 1", "min: 1, max: 3");

    await().atMost(WAIT).until(() -> ready() == 1);
    // Ticks go by, and nothing is started: the pool is full already.
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> provider.starts.get() == 0);

    assertThat(inPool()).containsExactly("web-run");
    assertThat(provider.starts).hasValue(0);
    assertThat(loop.status().warm().frozen()).isEqualTo(1);
    assertThat(loop.status().warm().backends())
        .singleElement()
        .extracting(WarmPoolStatus.Backend::id)
        .isEqualTo("web-old");

    loop.command(new ScaleCommand(2, "ops"));
    await().atMost(WAIT).until(() -> ready() == 2);
    assertThat(provider.thawed).contains("web-old");
    assertThat(inPool()).contains("web-old");
  }

  @Test
  void withNoReplicaRunningTheFirstOneIsAThawedWarmBackend() throws Exception {
    provider.adoptableFrozen.add(provider.runningBackend("web-old"));
    start("", "size: 1", "min: 1, max: 3");

    await().atMost(WAIT).until(() -> ready() == 1);

    assertThat(inPool()).containsExactly("web-old");
    assertThat(provider.thawed).containsExactly("web-old");
    await().atMost(WAIT).until(() -> provider.frozen.size() == 1);
    assertThat(provider.warmStarts).hasSize(1); // the refill
    assertThat(provider.starts).hasValue(1);
  }

  @Test
  void aSmallerPoolLetsGoOfFrozenBackendsThawedThenStopped() throws Exception {
    start("", "size: 2", "min: 1, max: 3");
    await().atMost(WAIT).until(() -> provider.frozen.size() == 2 && ready() == 1);
    Set<String> warm = Set.copyOf(provider.frozen);

    ProxyConfig smaller = config("", "size: 0", "min: 1, max: 3");
    loop.reconfigure(smaller.service("web"), smaller.scaling());

    await().atMost(WAIT).until(() -> provider.stopped.containsAll(warm));
    assertThat(provider.thawed).containsExactlyInAnyOrderElementsOf(warm);
    assertThat(events(BackendRemoved.class))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.fromWarmPool()).isTrue());
    assertThat(ready()).isEqualTo(1);
    await().atMost(WAIT).until(() -> !loop.status().warm().shown());
  }

  @Test
  void aWarmBackendThatDiesIsPublishedAndReplaced() throws Exception {
    start("", "size: 1", "min: 1, max: 3");
    await().atMost(WAIT).until(() -> provider.frozen.size() == 1 && ready() == 1);
    String victim = provider.frozen.iterator().next();

    provider.kill(victim);

    await().atMost(WAIT).until(() -> !events(BackendFailed.class).isEmpty());
    assertThat(events(BackendFailed.class).getFirst().fromWarmPool()).isTrue();
    assertThat(events(BackendFailed.class).getFirst().backendId()).isEqualTo(victim);
    await().atMost(WAIT).until(() -> provider.warmStarts.size() == 2);
    await().atMost(WAIT).until(() -> loop.status().warm().frozen() == 1);
    assertThat(ready()).isEqualTo(1);
  }

  @Test
  void closingWithStopThawsAndStopsTheWarmBackendsToo() throws Exception {
    start("", "size: 2", "min: 1, max: 3");
    await().atMost(WAIT).until(() -> provider.frozen.size() == 2 && ready() == 1);
    Set<String> warm = Set.copyOf(provider.frozen);

    loop.close(ShutdownPolicy.STOP);
    loop = null;

    assertThat(provider.thawed).containsExactlyInAnyOrderElementsOf(warm);
    assertThat(provider.running).isEmpty();
  }
}
