package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.model.Container;
import io.prescal.common.event.BackendFailed;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.ColdStart;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleMode;
import io.prescal.proxy.testing.AdminClient;
import io.prescal.proxy.testing.DemoBackends;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.SteadyLoad;
import io.prescal.testing.RequiresDocker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Autoscaling Docker containers of the demo backend ({@code prescal-traffic serve}) through a real
 * proxy: a load step scales out and new containers get traffic only once ready; the load falls and
 * scale-in loses nothing; from zero the first request is held and served; a killed container is
 * replaced while its requests are retried. Windows are short to keep the test fast.
 */
@RequiresDocker
class DockerAutoscaleIT {
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

  private RunningProxy start(String autoscale, String extraArgs) throws Exception {
    return start(autoscale, extraArgs, "");
  }

  private RunningProxy start(String autoscale, String extraArgs, String serviceKeys)
      throws Exception {
    proxy =
        RunningProxy.start(
            """
            backendHeader: X-Prescal-Backend
            services:
              - name: web
                drainTimeout: 10s%s
                provider:
                  type: docker
                  image: %s
                  owner: %s
                  command: ["--latency", "100ms"%s]
                  shutdown: stop
                  stopGrace: 5s
                readiness: {path: /ready, interval: 100ms}
                autoscale: {%s}
            """
                .formatted(serviceKeys, DemoBackends.IMAGE, docker.owner, extraArgs, autoscale));
    return proxy;
  }

  private int ready() {
    return proxy.pool("web").snapshot().count(BackendState.READY);
  }

  private URI uri() {
    return URI.create("http://127.0.0.1:" + proxy.port() + "/");
  }

  @Test
  void aLoadStepScalesOutWithTrafficOnlyAfterReadinessAndScaleInLosesNothing() throws Exception {
    start(
        "min: 1, max: 4, targetInFlight: 2, targetUtilization: 1.0, tick: 500ms,"
            + " panicWindow: 1s, stableWindow: 4s, scaleDownDelay: 2s",
        ", \"--startup-delay\", \"2s\"");
    await().atMost(WAIT).until(() -> ready() == 1);

    try (SteadyLoad load = new SteadyLoad(uri()).workers(8)) {
      // About 8 requests in flight for a target of 2 each: panic, and 4 replicas at once.
      await().atMost(WAIT).until(() -> ready() == 4);
      assertThat(proxy.events(ScaleDecision.class))
          .anyMatch(d -> d.mode() == ScaleMode.PANIC && d.desiredReplicas() == 4);
      assertThat(docker.running()).hasSize(4);
      await().atMost(WAIT).until(() -> servedBy(load).size() == 4);
      // A new container had its port open and /ready at 503 for 2 s: no response came from it
      // before the proxy published it ready.
      Map<String, Long> readyAt = readyTimes();
      for (var first : servedBy(load).entrySet()) {
        assertThat(first.getValue()).isGreaterThan(readyAt.get(first.getKey()));
      }

      // The load falls to 1 request in flight: scale in to 1 while it runs.
      load.keep(1);
      long before = load.responses().size();
      await().atMost(WAIT).until(() -> proxy.pool("web").snapshot().all().size() == 1);
      await().atMost(WAIT).until(() -> docker.containers().size() == 1);
      Thread.sleep(500);
      load.keep(0);

      assertThat(load.failures()).isEmpty(); // no reset, no refused connection, no timeout
      assertThat(load.errors()).isEmpty(); // every response a 200
      assertThat(load.responses()).hasSize((int) load.sent()); // every request answered
      assertThat((long) load.responses().size()).isGreaterThan(before);
      assertThat(proxy.events(BackendRemoved.class))
          .hasSize(3)
          .allSatisfy(r -> assertThat(r.abandoned()).isZero());
    }
  }

  @Test
  void fromZeroTheFirstRequestIsHeldServedAndItsColdStartReported() throws Exception {
    start(
        "min: 0, max: 2, scaleToZero: true, idleGrace: 1s, tick: 200ms, panicWindow: 1s,"
            + " stableWindow: 2s, scaleDownDelay: 0s",
        ", \"--startup-delay\", \"1s\"");
    // The service counts as active at start: one replica, gone after the idle grace.
    await().atMost(WAIT).until(() -> proxy.pool("web").snapshot().all().isEmpty());
    await().atMost(WAIT).until(() -> docker.containers().isEmpty());

    HttpResponse<String> first;
    try (HttpClient client = HttpClient.newHttpClient()) {
      first =
          client.send(HttpRequest.newBuilder(uri()).build(), HttpResponse.BodyHandlers.ofString());
    }

    assertThat(first.statusCode()).isEqualTo(200);
    ColdStart cold = proxy.events(ColdStart.class).getLast();
    assertThat(cold.heldRequests()).isEqualTo(1);
    assertThat(cold.millis()).isGreaterThanOrEqualTo(1_000); // the container's startup delay
    assertThat(first.headers().firstValue("X-Prescal-Backend")).hasValue(cold.backendId());
    var admin = new AdminClient(proxy.adminPort());
    assertThat(admin.autoscaling("web").get("coldStarts").get("lastMillis").asLong())
        .isEqualTo(cold.millis());
    assertThat(admin.get("/metrics"))
        .contains("prescal_cold_start_seconds_count{service=\"web\"} ")
        .contains(
            "prescal_cold_start_last_seconds{service=\"web\"} "
                + String.format(java.util.Locale.ROOT, "%.3f", cold.millis() / 1e3));
  }

  @Test
  void aKilledContainerUnderLoadIsReplacedAndItsRequestsRetried() throws Exception {
    // Until the death is reported (a few ms), requests picked for the dead container are refused
    // at once and retried elsewhere, all at the same time: a retry budget for every worker.
    start(
        "min: 3, max: 3, tick: 200ms, panicWindow: 1s, stableWindow: 2s",
        "",
        "\n    retries: {attempts: 2, minConcurrent: 8}");
    await().atMost(WAIT).until(() -> ready() == 3);

    try (SteadyLoad load = new SteadyLoad(uri()).workers(6)) {
      await().atMost(WAIT).until(() -> servedBy(load).size() == 3);
      Container victim = docker.running().getFirst();
      String victimId = victim.getLabels().get("io.prescal.backend");

      docker.kill(victim.getId());

      await().atMost(WAIT).until(() -> !proxy.events(BackendFailed.class).isEmpty());
      BackendFailed failed = proxy.events(BackendFailed.class).getFirst();
      assertThat(failed.backendId()).isEqualTo(victimId);
      assertThat(failed.exitCode()).isEqualTo(137);
      await()
          .atMost(WAIT)
          .until(() -> ready() == 3 && proxy.pool("web").snapshot().find(victimId) == null);
      await().atMost(WAIT).until(() -> docker.containers().size() == 3);
      long after = load.responses().size();
      await().atMost(WAIT).until(() -> load.responses().size() > after + 20);
      load.keep(0);

      assertThat(load.failures()).isEmpty();
      assertThat(load.errors()).isEmpty(); // GETs in flight on the dead one were retried
      assertThat(proxy.events(BackendRemoved.class))
          .singleElement()
          .satisfies(r -> assertThat(r.backendId()).isEqualTo(victimId));
    }
  }

  /** Per backend, when the first response it served arrived. */
  private static Map<String, Long> servedBy(SteadyLoad load) {
    Map<String, Long> first = new HashMap<>();
    for (SteadyLoad.Response r : load.responses()) {
      first.merge(r.backend(), r.atNanos(), Math::min);
    }
    return first;
  }

  private Map<String, Long> readyTimes() {
    Map<String, Long> at = new HashMap<>();
    for (RunningProxy.Published p : proxy.published()) {
      if (p.event() instanceof BackendReady ready) {
        at.put(ready.backendId(), p.atNanos());
      }
    }
    return at;
  }
}
