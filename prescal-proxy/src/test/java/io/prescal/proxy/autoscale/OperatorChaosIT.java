package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.LimitsCommand;
import io.prescal.common.event.ScaleMode;
import io.prescal.common.scaling.Refusal;
import io.prescal.common.scaling.ReplicaLimits;
import io.prescal.common.scaling.ReplicaRule;
import io.prescal.common.scaling.ScalingBounds;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.testing.AdminClient;
import io.prescal.proxy.testing.DemoBackends;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.SteadyLoad;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * An operator who keeps changing their mind: random (seeded) limits, fixed counts (forced or not),
 * pauses, resumes and drains, sent through the admin API to a process service under steady traffic
 * for a minute. Sampled all along: never more backend processes than the ceiling, never more in the
 * pool; while the service is not fixed, the autoscaler never wants fewer than min. At the end: no
 * request failed, and every command was accepted or refused exactly as the replica rule says.
 *
 * <p>The seed is printed; {@code -Dprescal.chaos.seed=N} replays a run.
 */
class OperatorChaosIT {
  private static final int CEILING = 6;
  private static final Duration CHAOS = Duration.ofSeconds(60);
  private static final Duration WAIT = Duration.ofSeconds(90);
  private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  private RunningProxy proxy;
  private Thread sampler;

  @AfterEach
  void stop() throws InterruptedException {
    if (sampler != null) {
      sampler.interrupt();
      sampler.join();
    }
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void randomOperatorCommandsUnderSteadyTrafficKeepEveryInvariant() throws Exception {
    long seed = Long.getLong("prescal.chaos.seed", System.nanoTime());
    System.out.println(
        "OperatorChaosIT seed " + seed + " (replay: -Dprescal.chaos.seed=" + seed + ")");
    Random random = new Random(seed);
    String marker = "-Dprescal.chaos=" + ProcessHandle.current().pid() + "-" + seed;
    String jar = DemoBackends.jar().toAbsolutePath().normalize().toString();
    proxy =
        RunningProxy.start(
            """
            backendHeader: X-Prescal-Backend
            scaling:
              maxReplicas: %d
              maxConcurrentStarts: 2
            services:
              - name: web
                drainTimeout: 5s
                provider:
                  type: process
                  command: ["%s", "%s", "-Xmx48m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                            "-jar", "%s", "serve", "--bind", "127.0.0.1", "--port", "{port}",
                            "--latency", "20ms", "--startup-delay", "300ms"]
                  logOutput: false
                  stopGrace: 3s
                readiness: {path: /ready, interval: 100ms}
                autoscale: {min: 1, max: 4, targetInFlight: 1, tick: 250ms, panicWindow: 1s,
                            stableWindow: 4s, scaleDownDelay: 2s}
            """
                .formatted(CEILING, JAVA, marker, jar));
    var admin = new AdminClient(proxy.adminPort());
    await().atMost(WAIT).until(() -> ready() >= 1);

    List<String> violations = new CopyOnWriteArrayList<>();
    AtomicInteger mostProcesses = new AtomicInteger();
    sampler =
        Thread.ofPlatform()
            .name("chaos-sampler")
            .start(() -> sample(marker, violations, mostProcesses));

    var bounds = new ScalingBounds("process", CEILING, 2, 0);
    int min = 1;
    int max = 4;
    int sent = 0;
    int refused = 0;
    try (SteadyLoad load =
        new SteadyLoad(URI.create("http://127.0.0.1:" + proxy.port() + "/")).workers(6)) {
      long end = System.nanoTime() + CHAOS.toNanos();
      while (System.nanoTime() < end) {
        Thread.sleep(200 + random.nextInt(1500));
        int pick = random.nextInt(100);
        String path;
        Optional<String> expected;
        if (pick < 25) {
          int newMin = random.nextInt(4);
          // Often the ceiling itself, so that fixed counts reach it.
          int newMax = random.nextBoolean() ? CEILING : random.nextInt(CEILING + 3);
          path = "/services/web/limits?min=" + newMin + "&max=" + newMax;
          List<Refusal> problems = ReplicaRule.limits(newMin, newMax, false, bounds);
          expected =
              problems.isEmpty() ? Optional.empty() : Optional.of(ReplicaRule.sentence(problems));
          try {
            new LimitsCommand(newMin, newMax, "chaos");
          } catch (IllegalArgumentException e) {
            // A shape no command can have (max 0): the command itself refuses, with its own words.
            expected = Optional.of(e.getMessage());
          }
          if (problems.isEmpty()) {
            min = newMin;
            max = newMax;
          }
        } else if (pick < 55) {
          // Half of them at or around the ceiling.
          int replicas =
              random.nextBoolean() ? CEILING - 1 + random.nextInt(4) : random.nextInt(CEILING);
          // A forced 0 stops every backend: requests would wait and fail, by the operator's will.
          boolean force = replicas > 0 && random.nextInt(3) == 0;
          path = "/services/web/scale?replicas=" + replicas + (force ? "&force=true" : "");
          expected =
              ReplicaRule.fix(replicas, force, new ReplicaLimits(min, max, false, bounds))
                  .map(Refusal::sentence);
        } else if (pick < 70) {
          path = "/services/web/pause";
          expected = Optional.empty();
        } else if (pick < 85) {
          path = "/services/web/resume";
          expected = Optional.empty();
        } else {
          List<Backend> routable = proxy.pool("web").snapshot().routable();
          if (routable.isEmpty()) {
            continue;
          }
          String id = routable.get(random.nextInt(routable.size())).id();
          path = "/services/web/backends/" + id + "/drain";
          expected = Optional.empty();
        }
        Map.Entry<Integer, JsonNode> answer = admin.post(path);
        sent++;
        String what = path + " (seed " + seed + ")";
        if (path.endsWith("/drain")) {
          assertThat(answer.getKey()).as(what).isIn(202, 404);
        } else if (expected.isPresent()) {
          refused++;
          assertThat(answer.getValue().get("reason").asString()).as(what).isEqualTo(expected.get());
        } else {
          assertThat(answer.getKey()).as(what + ": " + answer.getValue()).isEqualTo(200);
        }
      }

      // Hand the service back to the autoscaler: it returns within min and max.
      admin.post("/services/web/limits?min=2&max=4");
      admin.post("/services/web/resume");
      await().atMost(WAIT).until(() -> ready() >= 2);
      load.keep(0);

      System.out.printf(
          "OperatorChaosIT seed %d: %d commands (%d refused), %d requests, at most %d backend"
              + " processes%n",
          seed, sent, refused, load.sent(), mostProcesses.get());
      assertThat(violations).as("invariants (seed %d)", seed).isEmpty();
      assertThat(load.failures()).as("requests without an answer (seed %d)", seed).isEmpty();
      assertThat(load.errors()).as("requests answered with an error (seed %d)", seed).isEmpty();
      assertThat(load.responses()).hasSize((int) load.sent());
      assertThat(mostProcesses.get()).isBetween(1, CEILING);
      assertThat(sent).isGreaterThan(20);
    }
  }

  private int ready() {
    return proxy.pool("web").snapshot().count(BackendState.READY);
  }

  /** Every 20 ms: processes and pool within the ceiling; not fixed: desired at least min. */
  private void sample(String marker, List<String> violations, AtomicInteger most) {
    while (!Thread.currentThread().isInterrupted()) {
      long processes =
          ProcessHandle.allProcesses()
              .filter(p -> p.info().arguments().map(a -> List.of(a).contains(marker)).orElse(false))
              .count();
      most.accumulateAndGet((int) processes, Math::max);
      if (processes > CEILING) {
        violations.add(processes + " backend processes alive, over the ceiling " + CEILING);
      }
      int inPool = proxy.pool("web").snapshot().all().size();
      if (inPool > CEILING) {
        violations.add(inPool + " backends in the pool, over the ceiling " + CEILING);
      }
      // Without Redis nobody else reads the metrics source: its autoscaler status is the live one.
      AutoscalerStatus a =
          proxy.proxy().metricsSource().snapshot(20).services().getFirst().autoscaler();
      if (a.mode() != ScaleMode.FIXED && a.desired() < Math.max(1, a.min())) {
        violations.add(
            "mode " + a.mode() + " wants " + a.desired() + " replicas, below min " + a.min());
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        return;
      }
    }
  }
}
