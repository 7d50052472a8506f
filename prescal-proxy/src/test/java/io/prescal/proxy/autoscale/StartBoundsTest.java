package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.event.BackendState;
import io.prescal.common.event.DrainCommand;
import io.prescal.common.event.PrescalEvent;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.event.ScalingPaused;
import io.prescal.common.event.ScalingResumed;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What bounds the starts of one service, with real HTTP backends on loopback: the ceiling (which
 * counts draining backends too), starts in waves of {@code maxConcurrentStarts}, and the host's
 * headroom, whose shortage pauses starts once and says why.
 */
class StartBoundsTest {
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

  private void start(String scaling, String autoscale, Headroom headroom) throws Exception {
    ProxyConfig config =
        ConfigLoader.parse(
            """
            scaling: {%s}
            services:
              - name: web
                provider: {type: process, command: ["serve", "{port}"], stopGrace: 1s}
                readiness: {interval: 50ms, deadline: 5s}
                autoscale: {tick: 100ms, panicWindow: 200ms, stableWindow: 1s, %s}
            """
                .formatted(scaling, autoscale),
            "test");
    loop =
        new ScaleLoop(
            config.service("web"),
            config.scaling(),
            pool,
            new ServiceProvider(provider, "test", () -> null, headroom),
            (service, event) -> events.add(event),
            b -> {},
            InstantSource.system());
    loop.start();
  }

  private int ready() {
    return pool.snapshot().count(BackendState.READY);
  }

  @Test
  void fixingSixteenStartsThemInWavesOfFour() throws Exception {
    provider.startMillis = 300;
    start("maxConcurrentStarts: 4", "min: 1, max: 16", Headroom.UNBOUNDED);
    await().atMost(WAIT).until(() -> ready() == 1);

    loop.command(new ScaleCommand(16, "ops"));

    await().atMost(WAIT).until(() -> ready() == 16);
    assertThat(provider.maxInStart.get()).isBetween(2, 4);
    assertThat(provider.starts).hasValue(16);
  }

  @Test
  void theCeilingCountsADrainingBackendSoItsReplacementWaitsForItToStop() throws Exception {
    provider.stopMillis = 1_500;
    start("maxReplicas: 3", "min: 3, max: 3", Headroom.UNBOUNDED);
    await().atMost(WAIT).until(() -> ready() == 3);
    AtomicInteger most = new AtomicInteger();
    var sampler =
        Executors.newSingleThreadScheduledExecutor()
            .scheduleAtFixedRate(
                () -> most.accumulateAndGet(provider.running.size(), Math::max),
                0,
                5,
                java.util.concurrent.TimeUnit.MILLISECONDS);
    try {
      String first = pool.snapshot().routable().getFirst().id();
      loop.command(new DrainCommand(first, "ops"));

      await().atMost(WAIT).until(() -> provider.stopped.contains(first));
      await().atMost(WAIT).until(() -> ready() == 3);
      assertThat(pool.snapshot().all()).extracting(Backend::id).doesNotContain(first);
    } finally {
      sampler.cancel(false);
    }
    assertThat(most.get()).isEqualTo(3);
    assertThat(provider.starts).hasValue(4);
  }

  @Test
  void aHostShortOfMemoryPausesStartsOnceWithTheReasonAndResumesWhenThereIsRoom() throws Exception {
    String shortOf = "no room on this host for another backend of web: 100 MiB available";
    var room = new java.util.concurrent.atomic.AtomicBoolean();
    List<Headroom.Demand> asked = new CopyOnWriteArrayList<>();
    Headroom headroom =
        demand -> {
          asked.add(demand);
          return room.get()
              ? new Headroom.Room(demand.wanted(), null)
              : new Headroom.Room(0, shortOf);
        };
    start(
        "memoryPerBackend: 300m, memoryReserve: 1g, maxLoadPerCpu: 3", "min: 2, max: 4", headroom);

    await().atMost(WAIT).until(() -> asked.size() >= 5); // several ticks ask
    assertThat(events(ScalingPaused.class)).singleElement().isEqualTo(new ScalingPaused(shortOf));
    assertThat(provider.starts).hasValue(0);
    assertThat(loop.status().startsHeld()).isEqualTo(shortOf);
    assertThat(asked.getFirst())
        .as("a service with no backend waits for memory only, never for the load average")
        .isEqualTo(new Headroom.Demand("web", 2, 0, 0, 300L << 20, 1L << 30, 0.0));

    room.set(true);

    await().atMost(WAIT).until(() -> ready() == 2);
    assertThat(events(ScalingResumed.class)).hasSize(1);
    assertThat(events(ScalingPaused.class)).hasSize(1);
    assertThat(loop.status().startsHeld()).isNull();
  }

  private <T extends PrescalEvent> List<T> events(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).toList();
  }
}
