package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.CommandRejected;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.testing.AdminClient;
import io.prescal.proxy.testing.DemoBackends;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.SteadyLoad;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Autoscaling without Docker: the same loop through the process provider (a laptop's setup), and
 * the operator commands of the admin API with their answers and refusals.
 */
class ProcessAutoscaleIT {
  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  private RunningProxy proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  private int ready() {
    return proxy.pool("web").snapshot().count(BackendState.READY);
  }

  @Test
  void aLoadStepScalesLocalProcessesOutAndBackInWithoutLosingARequest() throws Exception {
    String jar = DemoBackends.jar().toAbsolutePath().normalize().toString();
    proxy =
        RunningProxy.start(
            """
            backendHeader: X-Prescal-Backend
            services:
              - name: web
                drainTimeout: 10s
                provider:
                  type: process
                  command: ["%s", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-jar", "%s", "serve",
                            "--bind", "127.0.0.1", "--port", "{port}", "--latency", "100ms",
                            "--startup-delay", "1s"]
                  logOutput: false
                  stopGrace: 5s
                readiness: {path: /ready, interval: 100ms}
                autoscale: {min: 1, max: 3, targetInFlight: 2, targetUtilization: 1.0, tick: 500ms,
                            panicWindow: 1s, stableWindow: 4s, scaleDownDelay: 2s}
            """
                .formatted(JAVA, jar));
    await().atMost(WAIT).until(() -> ready() == 1);

    try (SteadyLoad load =
        new SteadyLoad(URI.create("http://127.0.0.1:" + proxy.port() + "/")).workers(6)) {
      await().atMost(WAIT).until(() -> ready() == 3);
      await().atMost(WAIT).until(() -> firstServed(load).size() == 3);
      Map<String, Long> readyAt = new HashMap<>();
      proxy.published().stream()
          .filter(p -> p.event() instanceof BackendReady)
          .forEach(p -> readyAt.put(((BackendReady) p.event()).backendId(), p.atNanos()));
      firstServed(load).forEach((id, at) -> assertThat(at).isGreaterThan(readyAt.get(id)));

      load.keep(1);
      await().atMost(WAIT).until(() -> proxy.pool("web").snapshot().all().size() == 1);
      Thread.sleep(300);
      load.keep(0);

      assertThat(load.failures()).isEmpty();
      assertThat(load.errors()).isEmpty();
      assertThat(load.responses()).hasSize((int) load.sent());
      assertThat(proxy.events(BackendRemoved.class))
          .hasSize(2)
          .allSatisfy(r -> assertThat(r.abandoned()).isZero());
    }
    List<Long> pids =
        proxy.events(BackendAdded.class).stream().map(a -> Long.parseLong(a.container())).toList();
    proxy.close(); // shutdown: stop, the process provider's default
    proxy = null;
    assertThat(pids).hasSize(3).noneMatch(pid -> ProcessHandle.of(pid).isPresent());
  }

  @Test
  void adminCommandsScaleLimitPauseResumeAndDrainAndSayWhatTheyDidOrWhyNot() throws Exception {
    proxy =
        RunningProxy.start(
            """
            services:
              - name: web
                provider:
                  type: process
                  command: ["%s", "-m", "jdk.httpserver", "-b", "127.0.0.1", "-p", "{port}"]
                  logOutput: false
                  stopGrace: 2s
                readiness: {interval: 100ms}
                autoscale: {min: 1, max: 3, tick: 200ms, panicWindow: 1s, stableWindow: 2s}
            """
                .formatted(JAVA));
    var admin = new AdminClient(proxy.adminPort());
    await().atMost(WAIT).until(() -> ready() == 1);

    assertThat(answer(admin.post("/services/web/scale?replicas=2")))
        .isEqualTo("200 true replicas fixed at 2");
    await().atMost(WAIT).until(() -> ready() == 2);
    assertThat(admin.autoscaling("web").get("mode").asString()).isEqualTo("fixed");
    assertThat(answer(admin.post("/services/web/scale?replicas=9")))
        .isEqualTo("409 false replicas: 9 (expected: <= max=3; raise max first)");
    assertThat(answer(admin.post("/services/web/scale?replicas=some")))
        .isEqualTo("400 false replicas: \"some\" (expected: a whole number, e.g. 2)");
    assertThat(answer(admin.post("/services/web/limits?min=3&max=2")))
        .isEqualTo("400 false max: 2 (expected: >= 1 and >= min=3)");
    assertThat(answer(admin.post("/services/web/limits?min=1&max=5")))
        .isEqualTo("200 true limits set to min 1, max 5");
    assertThat(admin.autoscaling("web").get("max").asInt()).isEqualTo(5);

    String first = proxy.pool("web").snapshot().routable().getFirst().id();
    var drained = admin.post("/services/web/backends/" + first + "/drain");
    assertThat(drained.getKey()).isEqualTo(202);
    await()
        .atMost(WAIT)
        .until(() -> proxy.pool("web").snapshot().find(first) == null && ready() == 2);

    assertThat(answer(admin.post("/services/web/pause"))).isEqualTo("200 true autoscaling paused");
    assertThat(admin.autoscaling("web").get("mode").asString()).isEqualTo("paused");
    assertThat(answer(admin.post("/services/web/resume")))
        .isEqualTo("200 true autoscaling resumed");
    assertThat(answer(admin.post("/services/nope/pause")))
        .isEqualTo("409 false no service nope on this proxy (expected one of: web)");

    assertThat(proxy.events(CommandAccepted.class))
        .extracting(CommandAccepted::command)
        .containsExactly(
            "command.scale", "command.limits", "command.drain", "command.pause", "command.resume");
    assertThat(proxy.events(CommandAccepted.class))
        .allSatisfy(a -> assertThat(a.commandId()).startsWith("admin-"));
    assertThat(proxy.events(CommandRejected.class)).hasSize(2);
    assertThat(proxy.pool("web").snapshot().all()).extracting(Backend::id).doesNotContain(first);
  }

  private static String answer(Map.Entry<Integer, JsonNode> response) {
    JsonNode body = response.getValue();
    JsonNode text = body.has("detail") ? body.get("detail") : body.get("reason");
    return response.getKey() + " " + body.get("accepted").asBoolean() + " " + text.asString();
  }

  private static Map<String, Long> firstServed(SteadyLoad load) {
    Map<String, Long> first = new HashMap<>();
    load.responses().forEach(r -> first.merge(r.backend(), r.atNanos(), Math::min));
    return first;
  }
}
