package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.event.ConfigReloaded;
import io.prescal.proxy.testing.AdminClient;
import io.prescal.proxy.testing.RunningProxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading an autoscaled service: new autoscale settings apply at once; a changed provider or
 * readiness probe needs a restart, so such a reload is refused and nothing changes.
 */
class AutoscaleReloadTest {
  private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

  private static String config(String max, String extraArgument) {
    return """
        listen: 127.0.0.1:0
        admin: {address: 127.0.0.1:0}
        services:
          - name: web
            provider:
              type: process
              command: ["%s", "-m", "jdk.httpserver", "-b", "127.0.0.1", "-p", "{port}"%s]
              logOutput: false
              stopGrace: 1s
            readiness: {interval: 100ms}
            autoscale: {min: 1, max: %s, tick: 200ms, panicWindow: 1s, stableWindow: 2s}
        """
        .formatted(JAVA, extraArgument, max);
  }

  @Test
  void newAutoscaleSettingsApplyAndAChangedProviderIsRefused(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("proxy.yml");
    Files.writeString(file, config("3", ""));
    try (RunningProxy proxy = RunningProxy.startFile(file)) {
      var admin = new AdminClient(proxy.adminPort());
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> admin.autoscaling("web").get("ready").asInt() == 1);

      Files.writeString(file, config("7", ""));
      assertThat(proxy.proxy().reload()).isEmpty();
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> admin.autoscaling("web").get("max").asInt() == 7);

      Files.writeString(file, config("7", ", \"-d\", \"/tmp\""));
      assertThat(proxy.proxy().reload())
          .containsExactly(
              "services.web.provider: changed (expected: the same as running; restart the proxy"
                  + " to change an autoscaled service's provider or readiness probe)");
      assertThat(proxy.events(ConfigReloaded.class).getLast().applied()).isFalse();
      assertThat(admin.autoscaling("web").get("ready").asInt()).isEqualTo(1);
    }
  }
}
