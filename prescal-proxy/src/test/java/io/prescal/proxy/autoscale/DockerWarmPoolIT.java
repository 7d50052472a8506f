package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.ScaleDecision;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.testing.AdminClient;
import io.prescal.proxy.testing.DemoBackends;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.SteadyLoad;
import io.prescal.testing.RequiresDocker;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The warm pool with a real Docker engine and the demo image: the warm container is labelled and
 * paused, a load step unpauses it and it serves the added capacity, the pool refills with a new
 * paused container, and a restarted proxy adopts the paused container as warm (not as a replica)
 * without starting anything.
 */
@RequiresDocker
class DockerWarmPoolIT {
  private static final Duration WAIT = Duration.ofSeconds(180);

  private final DemoBackends docker = new DemoBackends();
  private RunningProxy proxy;

  @AfterEach
  void cleanUp() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    docker.close();
  }

  private String yaml(String shutdown) {
    return """
        backendHeader: X-Prescal-Backend
        services:
          - name: web
            provider:
              type: docker
              image: %s
              owner: %s
              command: ["--latency", "200ms"]
              shutdown: %s
              stopGrace: 2s
            readiness: {path: /ready, interval: 100ms}
            warmPool: {size: 1}
            autoscale: {min: 1, max: 2, targetInFlight: 2, targetUtilization: 1.0, tick: 1s,
                        panicWindow: 2s, stableWindow: 30s, scaleDownDelay: 30s}
        """
        .formatted(DemoBackends.IMAGE, docker.owner, shutdown);
  }

  private JsonNode warmPool() throws Exception {
    return new AdminClient(proxy.adminPort()).autoscaling("web").get("warmPool");
  }

  private int ready() {
    return proxy.pool("web").snapshot().count(BackendState.READY);
  }

  /** The one frozen warm backend's id, once there is one other than {@code not}. */
  private String frozenOtherThan(String not) throws Exception {
    await()
        .atMost(WAIT)
        .until(
            () ->
                warmPool().get("frozen").asInt() == 1
                    && !warmPool().get("backends").get(0).get("id").asString().equals(not));
    return warmPool().get("backends").get(0).get("id").asString();
  }

  private Container container(String backendId) {
    return docker.containers().stream()
        .filter(c -> backendId.equals(c.getLabels().get("io.prescal.backend")))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aPausedContainerIsUnpausedOnALoadStepServesAtOnceIsReplacedAndAdoptedOnRestart()
      throws Exception {
    proxy = RunningProxy.start(yaml("leave"));
    await().atMost(WAIT).until(() -> ready() == 1);
    String warm = frozenOtherThan("");
    Container paused = container(warm);
    assertThat(paused.getState()).isEqualTo("paused");
    assertThat(paused.getLabels()).containsEntry("io.prescal.warm", "true");
    assertThat(proxy.pool("web").snapshot().find(warm)).isNull();

    long step = System.nanoTime();
    try (SteadyLoad load =
        new SteadyLoad(URI.create("http://127.0.0.1:" + proxy.port() + "/")).workers(6)) {
      await()
          .atMost(WAIT)
          .until(() -> load.responses().stream().anyMatch(r -> r.backend().equals(warm)));
      long servedNanos =
          load.responses().stream()
              .filter(r -> r.backend().equals(warm))
              .mapToLong(SteadyLoad.Response::atNanos)
              .min()
              .orElseThrow();
      System.out.printf(
          "docker provider: load step -> added capacity serving: %d ms (unpaused %s)%n",
          (servedNanos - step) / 1_000_000, warm);
      assertThat(container(warm).getState()).isEqualTo("running");
      assertThat(
              proxy.events(ScaleDecision.class).stream()
                  .filter(d -> d.desiredReplicas() == 2)
                  .findFirst()
                  .orElseThrow()
                  .decisionLatencyMillis())
          .isNotNull();

      String refill = frozenOtherThan(warm);
      assertThat(container(refill).getState()).isEqualTo("paused");
      load.keep(0);
      assertThat(load.failures()).isEmpty();
      assertThat(load.errors()).isEmpty();
    }
    await().atMost(WAIT).until(() -> ready() == 2);
    List<String> replicas =
        proxy.pool("web").snapshot().routable().stream().map(Backend::id).sorted().toList();
    String frozen = warmPool().get("backends").get(0).get("id").asString();
    List<String> containers = docker.containers().stream().map(Container::getId).sorted().toList();

    proxy.close(); // shutdown: leave; the warm container stays paused
    assertThat(container(frozen).getState()).isEqualTo("paused");
    proxy = RunningProxy.start(yaml("stop"));
    await().atMost(WAIT).until(() -> ready() == 2 && warmPool().get("frozen").asInt() == 1);
    // Ticks go by, and nothing more is started.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> docker.containers().size() == containers.size());

    assertThat(warmPool().get("backends").get(0).get("id").asString()).isEqualTo(frozen);
    assertThat(proxy.pool("web").snapshot().find(frozen)).isNull();
    assertThat(proxy.pool("web").snapshot().routable().stream().map(Backend::id).sorted())
        .isEqualTo(replicas);
    assertThat(docker.containers().stream().map(Container::getId).sorted().toList())
        .isEqualTo(containers);
    assertThat(proxy.events(BackendAdded.class).stream().filter(BackendAdded::fromWarmPool))
        .extracting(BackendAdded::backendId)
        .containsExactly(frozen);

    proxy.close(); // shutdown: stop, the warm one unpaused and stopped too
    proxy = null;
    assertThat(docker.containers()).isEmpty();
  }
}
