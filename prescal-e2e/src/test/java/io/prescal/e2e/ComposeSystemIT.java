package io.prescal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ContainerNetwork;
import io.lettuce.core.RedisClient;
import io.prescal.testing.RequiresDocker;
import io.prescal.testing.TestImages;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code docker compose up} as a user types it, with nothing set but the local images (no registry
 * here) and free ports: no Docker group, no dashboard password, no secret. It comes up locked down
 * (Redis users, the backends' own network, the proxy unprivileged in the socket's group), and a
 * prescal-traffic ramp through the proxy scales the demo service out in containers and back in with
 * no failed request; the decisions reach Redis, prescal-event's API and the dashboard, logged in
 * with the password it generated; {@code down} leaves nothing running.
 */
@RequiresDocker
class ComposeSystemIT {

  private static final Pattern GENERATED =
      Pattern.compile("generated operator 'admin' with password: (\\S+)");

  @Test
  void plainComposeUpComesUpLockedDownAndScalesTheDemoServiceOutAndIn(@TempDir Path work)
      throws Exception {
    int proxyPort = FreePorts.next();
    int eventPort = FreePorts.next();
    int dashboardPort = FreePorts.next();
    int redisPort = FreePorts.next();
    Map<String, String> env = new HashMap<>();
    env.put("PRESCAL_JDK_IMAGE", TestImages.jdk());
    env.put("PRESCAL_JRE_IMAGE", TestImages.jre());
    env.put("PRESCAL_REDIS_IMAGE", TestImages.redis());
    env.put("PRESCAL_PROXY_PORT", Integer.toString(proxyPort));
    env.put("PRESCAL_EVENT_PORT", Integer.toString(eventPort));
    env.put("PRESCAL_DASHBOARD_PORT", Integer.toString(dashboardPort));
    env.put("PRESCAL_REDIS_PORT", Integer.toString(redisPort));
    env.put("DOCKER_BUILDKIT", "0");
    env.put("COMPOSE_DOCKER_CLI_BUILD", "0");
    String project = "prescal-e2e-" + Long.toString(System.nanoTime(), 36);
    Compose compose = new Compose(project, env, work.resolve("compose.log"));
    DockerClient docker = DockerClientFactory.instance().client();
    try {
      compose.up();
      String eventUrl = "http://127.0.0.1:" + eventPort;
      String dashboardUrl = "http://127.0.0.1:" + dashboardPort + "/";
      await()
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () ->
                  Http.status(eventUrl + "/actuator/health") == 200
                      && Http.status(dashboardUrl + "login") == 200
                      && Http.status("http://127.0.0.1:" + proxyPort + "/") == 200);
      Matcher generated = GENERATED.matcher(compose.logs("dashboard"));
      assertThat(generated.find()).as("the dashboard printed a generated password").isTrue();
      String observer =
          compose.exec("redis", "cat", "/etc/prescal/redis/observer-password").strip();
      String redisUri = "redis://observer:" + observer + "@127.0.0.1:" + redisPort;

      lockedDown(docker, project, redisPort);

      JsonNode ramp = TrafficRamp.run("http://127.0.0.1:" + proxyPort + "/", redisUri, work);
      SystemChecks checks =
          new SystemChecks("demo", redisUri, eventUrl, dashboardUrl, "admin", generated.group(1));
      checks.noRequestFailed(ramp);
      checks.scaledOutAndBackInPerTheLog();
      checks.decisionsInTheEventApi();
      checks.dashboardShowsTheDecisions();
    } catch (AssertionError | RuntimeException e) {
      throw new AssertionError(e.getMessage() + "\n--- compose logs ---\n" + compose.logs(), e);
    } finally {
      compose.down();
    }
    assertThat(
            docker
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of("com.docker.compose.project", project))
                .exec())
        .as("containers of the compose project after down")
        .isEmpty();
    assertThat(
            docker
                .listContainersCmd()
                .withShowAll(true)
                .withLabelFilter(Map.of("io.prescal.owner", "prescal-compose"))
                .exec())
        .as("demo backends the proxy started, after down")
        .isEmpty();
    compose.downWithVolumes();
  }

  /**
   * Redis lets nobody in without a user; the proxy's JVM is not root; a backend sits on the
   * backends network only and cannot open a connection to Redis or prescal-event, while it can to
   * the proxy (so the probe itself works).
   */
  private static void lockedDown(DockerClient docker, String project, int redisPort)
      throws Exception {
    assertThatThrownBy(() -> RedisClient.create("redis://127.0.0.1:" + redisPort).connect())
        .as("Redis without a user")
        .hasStackTraceContaining("NOAUTH");

    Container proxy = service(docker, project, "proxy");
    List<String[]> processes = List.of(docker.topContainerCmd(proxy.getId()).exec().getProcesses());
    assertThat(processes)
        .filteredOn(p -> String.join(" ", p).contains("prescal-proxy.jar"))
        .singleElement()
        .satisfies(p -> assertThat(p[0]).as("the proxy JVM's user").isEqualTo("10001"));

    Container backend =
        await()
            .atMost(Duration.ofMinutes(1))
            .until(
                () ->
                    docker
                        .listContainersCmd()
                        .withLabelFilter(
                            Map.of(
                                "io.prescal.owner",
                                "prescal-compose",
                                "io.prescal.service",
                                "demo"))
                        .exec(),
                l -> !l.isEmpty())
            .getFirst();
    Map<String, ContainerNetwork> backendNetworks =
        docker.inspectContainerCmd(backend.getId()).exec().getNetworkSettings().getNetworks();
    assertThat(backendNetworks.keySet()).containsExactly("prescal-backends");

    String proxyOnBackends = address(docker, proxy, "prescal-backends");
    assertThat(canConnect(backend, proxyOnBackends, 8000)).as("backend to the proxy").isTrue();
    String control = project + "_control";
    assertThat(
            canConnect(backend, address(docker, service(docker, project, "redis"), control), 6379))
        .as("backend to Redis")
        .isFalse();
    assertThat(
            canConnect(backend, address(docker, service(docker, project, "event"), control), 8081))
        .as("backend to prescal-event")
        .isFalse();
    assertThat(canConnect(backend, "redis", 6379)).as("backend to Redis by name").isFalse();
  }

  private static Container service(DockerClient docker, String project, String service) {
    return docker
        .listContainersCmd()
        .withLabelFilter(
            Map.of("com.docker.compose.project", project, "com.docker.compose.service", service))
        .exec()
        .getFirst();
  }

  private static String address(DockerClient docker, Container container, String network) {
    ContainerNetwork attached =
        docker
            .inspectContainerCmd(container.getId())
            .exec()
            .getNetworkSettings()
            .getNetworks()
            .get(network);
    assertThat(attached).as(container.getNames()[0] + " on " + network).isNotNull();
    return attached.getIpAddress();
  }

  /** Whether one TCP connection from inside {@code from} to {@code host:port} opens within 3 s. */
  private static boolean canConnect(Container from, String host, int port) throws Exception {
    Process probe =
        new ProcessBuilder(
                "docker",
                "exec",
                from.getId(),
                "timeout",
                "3",
                "bash",
                "-c",
                "exec 3<>/dev/tcp/" + host + "/" + port)
            .redirectErrorStream(true)
            .start();
    probe.getInputStream().readAllBytes();
    if (!probe.waitFor(30, TimeUnit.SECONDS)) {
      probe.destroyForcibly();
      throw new IllegalStateException("docker exec did not end");
    }
    return probe.exitValue() == 0;
  }
}
