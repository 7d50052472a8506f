package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.ScalingPaused;
import io.prescal.common.event.ScalingResumed;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.provider.docker.EngineLink;
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

/**
 * What survives the proxy and the engine: a restarted proxy adopts its containers (no orphan, no
 * duplicate), and an engine that goes away for a while pauses scaling while the proxy keeps
 * serving.
 */
@RequiresDocker
class DockerRestartIT {
  private static final Duration WAIT = Duration.ofSeconds(120);

  private final DemoBackends docker = new DemoBackends();
  private RunningProxy proxy;

  @AfterEach
  void cleanUp() throws Exception {
    if (proxy != null) {
      proxy.close();
    }
    docker.close();
  }

  private String yaml(String shutdown, String dockerSection) {
    return """
        backendHeader: X-Prescal-Backend
        %s
        services:
          - name: web
            provider:
              type: docker
              image: %s
              owner: %s
              shutdown: %s
              stopGrace: 2s
            readiness: {path: /ready, interval: 100ms}
            autoscale: {min: 2, max: 3, tick: 200ms, panicWindow: 1s, stableWindow: 2s}
        """
        .formatted(dockerSection, DemoBackends.IMAGE, docker.owner, shutdown);
  }

  private List<String> readyIds() {
    return proxy.pool("web").snapshot().routable().stream().map(Backend::id).sorted().toList();
  }

  @Test
  void aRestartedProxyAdoptsItsContainersWithoutOrphansOrDuplicates() throws Exception {
    proxy = RunningProxy.start(yaml("leave", ""));
    await().atMost(WAIT).until(() -> readyIds().size() == 2);
    List<String> before = readyIds();
    List<String> containers = docker.running().stream().map(Container::getId).sorted().toList();
    proxy.close(); // shutdown: leave

    assertThat(docker.running()).hasSize(2);
    proxy = RunningProxy.start(yaml("stop", ""));
    await().atMost(WAIT).until(() -> readyIds().size() == 2);
    // Ticks go by and nothing more is started.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(WAIT)
        .until(
            () ->
                readyIds().equals(before)
                    && docker.containers().stream()
                        .map(Container::getId)
                        .sorted()
                        .toList()
                        .equals(containers));

    assertThat(readyIds()).isEqualTo(before);
    assertThat(docker.containers().stream().map(Container::getId).sorted().toList())
        .isEqualTo(containers);
    assertThat(proxy.events(BackendAdded.class))
        .extracting(BackendAdded::backendId)
        .containsExactlyInAnyOrderElementsOf(before);
    try (SteadyLoad load = new SteadyLoad(uri()).workers(2)) {
      await().atMost(WAIT).until(() -> load.responses().size() >= 10);
    }

    proxy.close(); // shutdown: stop
    proxy = null;
    assertThat(docker.containers()).isEmpty();
  }

  @Test
  void whileTheEngineIsAwayTheProxyServesScalingPausesAndThenResumes() throws Exception {
    try (EngineLink link = new EngineLink()) {
      proxy =
          RunningProxy.start(
              yaml(
                  "stop",
                  "docker: {host: \""
                      + link.host()
                      + "\", connectTimeout: 1s, pingInterval: 200ms, maxBackoff: 500ms}"));
      await().atMost(WAIT).until(() -> readyIds().size() == 2);

      try (SteadyLoad load = new SteadyLoad(uri()).workers(2)) {
        link.cut();
        await().atMost(WAIT).until(() -> !proxy.events(ScalingPaused.class).isEmpty());
        assertThat(proxy.events(ScalingPaused.class).getFirst().reason())
            .startsWith("Docker engine at " + link.host() + " does not answer");
        var admin = new AdminClient(proxy.adminPort());
        assertThat(admin.autoscaling("web").get("available").asBoolean()).isFalse();
        long during = load.responses().size();
        await().atMost(WAIT).until(() -> load.responses().size() > during + 20);
        // An operator asks for more meanwhile: accepted, acted on once the engine is back.
        assertThat(admin.post("/services/web/scale?replicas=3").getKey()).isEqualTo(200);
        await()
            .during(Duration.ofMillis(500))
            .atMost(WAIT)
            .until(() -> proxy.pool("web").snapshot().all().size() == 2);

        link.restore();
        await().atMost(WAIT).until(() -> !proxy.events(ScalingResumed.class).isEmpty());
        await().atMost(WAIT).until(() -> readyIds().size() == 3);
        load.keep(0);
        assertThat(load.failures()).isEmpty();
        assertThat(load.errors()).isEmpty();
        assertThat(proxy.events(ScalingPaused.class)).hasSize(2); // the outage, then "fixed"
        assertThat(proxy.pool("web").snapshot().count(BackendState.READY)).isEqualTo(3);
      }
    }
  }

  private URI uri() {
    return URI.create("http://127.0.0.1:" + proxy.port() + "/");
  }
}
