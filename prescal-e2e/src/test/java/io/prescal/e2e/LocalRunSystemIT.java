package io.prescal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisClient;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * {@code ./prescal up --provider process}: the local run with no Docker, its demo service scaled as
 * local processes by a prescal-traffic ramp; the same checks as with compose, locked down (loopback
 * only, Redis users, secret files 0600, backends without the proxy's secrets), and after Ctrl-C no
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
    String servePorts = "--bind 127.0.0.1 --port";
    try (LocalRun run =
        LocalRun.start(
            env, work.resolve("prescal-up.log"), "--provider", "process", "--no-build")) {
      Path secrets = Jars.ROOT.resolve(".prescal/run/secrets");
      String observer =
          Files.readAllLines(secrets.resolve("observer.redis-password")).getFirst().strip();
      String redisUri = "redis://observer:" + observer + "@127.0.0.1:" + redisPort;
      lockedDown(
          secrets, List.of(proxyPort, adminPort, eventPort, dashboardPort, redisPort), redisPort);
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
      backendsSawNoPrescalVariable(servePorts);
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

  /**
   * Files with secrets are the owner's only, everything listens on loopback only, and Redis lets
   * nobody in without a user.
   */
  private static void lockedDown(Path secrets, List<Integer> ports, int redisPort)
      throws Exception {
    Set<PosixFilePermission> ownerOnly =
        Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    assertThat(Files.getPosixFilePermissions(Jars.ROOT.resolve(".prescal/run/proxy.yml")))
        .as("proxy.yml, with the command secret")
        .isEqualTo(ownerOnly);
    try (var files = Files.list(secrets)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".redis-password")).toList()) {
        assertThat(Files.getPosixFilePermissions(file)).as(file.toString()).isEqualTo(ownerOnly);
      }
    }
    for (int port : ports) {
      assertThat(ListeningSockets.on(port))
          .as("addresses listening on port %d", port)
          .isNotEmpty()
          .allSatisfy(a -> assertThat(a.isLoopbackAddress() || isMappedLoopback(a)).isTrue());
    }
    assertThatThrownBy(() -> RedisClient.create("redis://127.0.0.1:" + redisPort).connect())
        .as("Redis without a user")
        .hasStackTraceContaining("NOAUTH");
  }

  /** {@code ::ffff:127.0.0.1}: how Java's dual-stack sockets bound to 127.0.0.1 show up. */
  private static boolean isMappedLoopback(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 16 && b[10] == (byte) 0xff && b[11] == (byte) 0xff && b[12] == 127;
  }

  /** The demo backends' environment has no PRESCAL_* variable, though the proxy's has several. */
  private static void backendsSawNoPrescalVariable(String needle) throws Exception {
    List<ProcessHandle> backends =
        ProcessHandle.allProcesses()
            .filter(p -> p.info().commandLine().map(c -> c.contains(needle)).orElse(false))
            .toList();
    assertThat(backends).as("demo backends running").isNotEmpty();
    for (ProcessHandle backend : backends) {
      String environ = Files.readString(Path.of("/proc", Long.toString(backend.pid()), "environ"));
      assertThat(List.of(environ.split("\u0000")))
          .as("environment of backend pid %d", backend.pid())
          .noneMatch(v -> v.startsWith("PRESCAL_"));
    }
  }
}
