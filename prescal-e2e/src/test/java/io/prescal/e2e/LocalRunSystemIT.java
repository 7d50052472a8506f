package io.prescal.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./prescal up --provider process}: the local run with no Docker, its demo service scaled as
 * local processes by a prescal-traffic ramp; the same checks as with compose, and after Ctrl-C no
 * process is left.
 */
class LocalRunSystemIT {

  @Test
  void localRunScalesTheDemoServiceOutAndInWithProcesses(@TempDir Path work) throws Exception {
    int proxyPort = FreePorts.next();
    int adminPort = FreePorts.next();
    int eventPort = FreePorts.next();
    int dashboardPort = FreePorts.next();
    int redisPort = FreePorts.next();
    Map<String, String> env =
        Map.of(
            "PRESCAL_PROXY_PORT", Integer.toString(proxyPort),
            "PRESCAL_ADMIN_PORT", Integer.toString(adminPort),
            "PRESCAL_EVENT_PORT", Integer.toString(eventPort),
            "PRESCAL_DASHBOARD_PORT", Integer.toString(dashboardPort),
            "PRESCAL_REDIS_PORT", Integer.toString(redisPort));
    String redisUri = "redis://127.0.0.1:" + redisPort;
    String servePorts = "--bind 127.0.0.1 --port";
    try (LocalRun run =
        LocalRun.start(
            env, work.resolve("prescal-up.log"), "--provider", "process", "--no-build")) {
      JsonNode ramp = TrafficRamp.run("http://127.0.0.1:" + proxyPort + "/", redisUri, work);
      SystemChecks checks =
          new SystemChecks(
              "demo",
              redisUri,
              "http://127.0.0.1:" + eventPort,
              "http://127.0.0.1:" + dashboardPort + "/",
              "operator",
              run.operatorPassword());
      checks.noRequestFailed(ramp);
      checks.scaledOutAndBackInPerTheLog();
      checks.decisionsInTheEventApi();
      checks.dashboardShowsTheDecisions();
      assertThat(run.stop()).as("exit code after Ctrl-C").isIn(0, 130, 143);
    }
    assertThat(Http.status("http://127.0.0.1:" + proxyPort + "/")).isEqualTo(-1);
    assertThat(Http.status("http://127.0.0.1:" + dashboardPort + "/login")).isEqualTo(-1);
    assertThat(LocalRun.processesMentioning(servePorts)).as("demo backends left running").isEmpty();
    assertThat(LocalRun.processesMentioning("--port " + redisPort))
        .as("Redis left running")
        .isEmpty();
    assertThat(LocalRun.processesMentioning("--server.port=" + eventPort))
        .as("prescal-event left running")
        .isEmpty();
  }
}
