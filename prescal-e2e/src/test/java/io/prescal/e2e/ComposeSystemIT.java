package io.prescal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.DockerClient;
import io.prescal.testing.RequiresDocker;
import io.prescal.testing.TestImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import tools.jackson.databind.JsonNode;

/**
 * {@code docker compose up} with locally built images, a prescal-traffic ramp through the proxy:
 * the demo service scales out in containers and back in with no failed request, the decisions reach
 * Redis, prescal-event's API and the dashboard; {@code down} leaves nothing running.
 */
@RequiresDocker
class ComposeSystemIT {

  @Test
  void composeStackScalesTheDemoServiceOutAndInUnderARamp(@TempDir Path work) throws Exception {
    int proxyPort = FreePorts.next();
    int eventPort = FreePorts.next();
    int dashboardPort = FreePorts.next();
    int redisPort = FreePorts.next();
    String password = "e2e-" + UUID.randomUUID();
    Map<String, String> env = new HashMap<>();
    env.put("PRESCAL_JDK_IMAGE", TestImages.jdk());
    env.put("PRESCAL_JRE_IMAGE", TestImages.jre());
    env.put("PRESCAL_REDIS_IMAGE", TestImages.redis());
    env.put("PRESCAL_PROXY_PORT", Integer.toString(proxyPort));
    env.put("PRESCAL_EVENT_PORT", Integer.toString(eventPort));
    env.put("PRESCAL_DASHBOARD_PORT", Integer.toString(dashboardPort));
    env.put("PRESCAL_REDIS_PORT", Integer.toString(redisPort));
    env.put("PRESCAL_COMMAND_SECRET", "e2e-secret-" + UUID.randomUUID());
    env.put("PRESCAL_DASHBOARD_PASSWORD", password);
    env.put("DOCKER_GID", dockerSocketGroup());
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

      String redisUri = "redis://127.0.0.1:" + redisPort;
      JsonNode ramp = TrafficRamp.run("http://127.0.0.1:" + proxyPort + "/", redisUri, work);
      SystemChecks checks =
          new SystemChecks("demo", redisUri, eventUrl, dashboardUrl, "admin", password);
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

  private static String dockerSocketGroup() throws Exception {
    Path socket = Path.of("/var/run/docker.sock");
    return Files.exists(socket) ? Files.getAttribute(socket, "unix:gid").toString() : "0";
  }
}
