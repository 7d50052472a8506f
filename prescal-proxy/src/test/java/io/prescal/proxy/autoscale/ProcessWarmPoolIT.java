package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.ScaleDecision;
import io.prescal.proxy.testing.AdminClient;
import io.prescal.proxy.testing.DemoBackends;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.SteadyLoad;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The warm pool with the process provider and real JVM backends: the warm backend is stopped for
 * real (SIGSTOP: state T in /proc), a load step thaws it and it serves the added capacity, the pool
 * refills with a new stopped process, and the ceiling counts it.
 */
class ProcessWarmPoolIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  private RunningProxy proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private static char state(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    return stat.charAt(stat.lastIndexOf(')') + 2);
  }

  /** The pids of the warm backends the proxy started, by backend id. */
  private Map<String, Long> warmPids() {
    return proxy.events(BackendAdded.class).stream()
        .filter(BackendAdded::fromWarmPool)
        .collect(
            java.util.stream.Collectors.toMap(
                BackendAdded::backendId, a -> Long.parseLong(a.container())));
  }

  private JsonNode warmPool(AdminClient admin) throws Exception {
    return admin.autoscaling("web").get("warmPool");
  }

  @Test
  void aWarmProcessIsStoppedThawedOnALoadStepServesAtOnceAndIsReplaced() throws Exception {
    String jar = DemoBackends.jar().toAbsolutePath().normalize().toString();
    proxy =
        RunningProxy.start(
            """
            backendHeader: X-Prescal-Backend
            services:
              - name: web
                provider:
                  type: process
                  command: ["%s", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-jar", "%s", "serve",
                            "--bind", "127.0.0.1", "--port", "{port}", "--latency", "200ms"]
                  logOutput: false
                  stopGrace: 5s
                readiness: {path: /ready, interval: 100ms}
                warmPool: {size: 1}
                autoscale: {min: 1, max: 2, targetInFlight: 2, targetUtilization: 1.0, tick: 1s,
                            panicWindow: 2s, stableWindow: 30s, scaleDownDelay: 30s}
            """
                .formatted(JAVA, jar));
    var admin = new AdminClient(proxy.adminPort());
    await()
        .atMost(WAIT)
        .until(
            () ->
                proxy.pool("web").snapshot().count(BackendState.READY) == 1
                    && warmPool(admin).get("frozen").asInt() == 1);
    String warm = warmPool(admin).get("backends").get(0).get("id").asString();
    long warmPid = warmPids().get(warm);
    assertThat(state(warmPid)).isEqualTo('T');
    assertThat(proxy.pool("web").snapshot().find(warm)).isNull();
    assertThat(admin.autoscaling("web").get("current").asInt()).isEqualTo(1);

    // The ceiling (16 for processes) less the warm pool bounds max, on the admin API too.
    var refused = admin.post("/services/web/limits?min=1&max=16");
    assertThat(refused.getKey()).isEqualTo(409);
    assertThat(refused.getValue().get("reason").asString())
        .isEqualTo(
            "max: 16 (expected: <= 15: ceiling 16 for the process provider less warmPool.size 1;"
                + " raise scaling.maxReplicas in the proxy's file or lower warmPool.size)");

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
          "process provider: load step -> added capacity serving: %d ms (thawed %s)%n",
          (servedNanos - step) / 1_000_000, warm);
      assertThat(state(warmPid)).isIn('R', 'S');
      ScaleDecision out =
          proxy.events(ScaleDecision.class).stream()
              .filter(d -> d.desiredReplicas() == 2)
              .findFirst()
              .orElseThrow();
      assertThat(out.decisionLatencyMillis()).isNotNull();

      // The pool refills: a new process, stopped once ready.
      await()
          .atMost(WAIT)
          .until(
              () ->
                  warmPool(admin).get("frozen").asInt() == 1
                      && !warmPool(admin).get("backends").get(0).get("id").asString().equals(warm));
      String next = warmPool(admin).get("backends").get(0).get("id").asString();
      assertThat(state(warmPids().get(next))).isEqualTo('T');
      assertThat(proxy.pool("web").snapshot().find(next)).isNull();
      load.keep(0);
      assertThat(load.failures()).isEmpty();
      assertThat(load.errors()).isEmpty();
    }

    List<Long> pids =
        proxy.events(BackendAdded.class).stream().map(a -> Long.parseLong(a.container())).toList();
    proxy.close(); // shutdown: stop, warm processes thawed then stopped
    proxy = null;
    assertThat(pids).hasSizeGreaterThanOrEqualTo(3);
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> pids.stream().noneMatch(pid -> ProcessHandle.of(pid).isPresent()));
  }
}
