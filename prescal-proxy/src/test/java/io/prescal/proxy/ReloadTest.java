package io.prescal.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.event.BackendState;
import io.prescal.common.event.ConfigReloaded;
import io.prescal.proxy.cli.ConfigWatcher;
import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reload on file change: new backends join, removed ones drain, a bad file changes nothing. */
class ReloadTest {

  private static String config(int port, String... backends) {
    StringBuilder yaml =
        new StringBuilder(
            "listen: 127.0.0.1:"
                + port
                + "\nadmin:\n  enabled: false\nservices:\n  - name: web\n"
                + "    balancer: round-robin\n    backends:\n");
    for (String b : backends) {
      yaml.append("      - address: ").append(b).append('\n');
    }
    return yaml.toString();
  }

  @Test
  void fileChangesApplyWithoutDroppingConnectionsAndBadFilesAreRefused(@TempDir Path dir)
      throws Exception {
    int port;
    try (var socket = new java.net.ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path file = dir.resolve("proxy.yml");
    try (TestBackend a = TestBackend.named("a");
        TestBackend b = TestBackend.named("b")) {
      Files.writeString(file, config(port, a.address()));
      try (RunningProxy proxy = RunningProxy.startFile(file);
          ConfigWatcher watcher = new ConfigWatcher(file, proxy.proxy()::reload);
          RawHttp client = new RawHttp(proxy.port())) {
        assertThat(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("a");

        Files.writeString(file, config(port, a.address(), b.address()));
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> proxy.pool("web").snapshot().all().size() == 2);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 4; i++) {
          // The same client connection, opened before the reload, keeps working.
          seen.add(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body());
        }
        assertThat(seen).containsExactlyInAnyOrder("a", "b");

        Files.writeString(file, config(port, b.address()) + "    colour: blue\n");
        await()
            .atMost(Duration.ofSeconds(10))
            .until(
                () ->
                    proxy.events().stream()
                        .anyMatch(e -> e instanceof ConfigReloaded r && !r.applied()));
        ConfigReloaded refused =
            (ConfigReloaded)
                proxy.events().stream()
                    .filter(e -> e instanceof ConfigReloaded r && !r.applied())
                    .findFirst()
                    .get();
        assertThat(refused.problems())
            .anyMatch(p -> p.startsWith("services[0].colour: unknown key"));
        assertThat(proxy.pool("web").snapshot().all()).hasSize(2);

        Files.writeString(file, config(port, b.address()));
        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> proxy.pool("web").snapshot().find(a.address()) == null);
        for (int i = 0; i < 3; i++) {
          assertThat(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("b");
        }
        assertThat(proxy.pool("web").snapshot().find(b.address()).state())
            .isEqualTo(BackendState.READY);
      }
    }
  }

  @Test
  void changingTheListenAddressIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("proxy.yml");
    try (TestBackend a = TestBackend.named("a")) {
      Files.writeString(file, config(0, a.address()));
      try (RunningProxy proxy = RunningProxy.startFile(file)) {
        Files.writeString(file, config(1, a.address()));
        assertThat(proxy.proxy().reload()).singleElement().asString().startsWith("listen/admin:");
      }
    }
  }
}
