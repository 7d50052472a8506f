package io.prescal.proxy.provider.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process backend sees none of the proxy's secrets: a real proxy JVM and a real backend. */
class BackendEnvironmentTest {

  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @Test
  void aBackendStartsWithTheMinimalSetAndItsServicesVariablesOnly(@TempDir Path dir)
      throws Exception {
    Path printed = dir.resolve("backend.env");
    ProcessBuilder proxy =
        new ProcessBuilder(
                JAVA,
                "-cp",
                System.getProperty("java.class.path"),
                EnvironmentStandIn.class.getName(),
                printed.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("proxy.log").toFile());
    Map<String, String> env = proxy.environment();
    env.put("PRESCAL_COMMAND_SECRET", "a-command-secret-of-the-proxy");
    env.put("PRESCAL_ADMIN_TOKEN", "an-admin-token-of-the-proxy");
    env.put("PRESCAL_REDIS_URL", "redis://proxy:redis-password@127.0.0.1:6379");
    env.put("AWS_SECRET_ACCESS_KEY", "anything-else-of-the-proxy");
    env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", "/home/prescal");
    env.put("LANG", "C.UTF-8");
    env.put("TZ", "Europe/Berlin");

    Process process = proxy.start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue())
        .as("the backend's exit code; log: %s", Files.readString(dir.resolve("proxy.log")))
        .isZero();

    Map<String, String> seen = parse(Files.readAllLines(printed));
    seen.remove("PWD"); // the shell sets these itself
    seen.remove("SHLVL");
    seen.remove("_");
    assertThat(seen.keySet())
        .containsExactlyInAnyOrder("PATH", "HOME", "LANG", "TZ", "OUT", "PORT", "PRESCAL_LISTED");
    assertThat(seen)
        .containsEntry("PATH", "/usr/local/bin:/usr/bin:/bin")
        .containsEntry("TZ", "Europe/Berlin")
        .containsEntry("PRESCAL_LISTED", "by the service");
    assertThat(seen.get("PORT")).matches("[0-9]+");
  }

  @Test
  void theServicesValuesWinAndOnlyTheMinimalSetIsInherited() {
    Map<String, String> target = new HashMap<>(Map.of("PRESCAL_COMMAND_SECRET", "s", "X", "y"));

    BackendEnvironment.fill(
        target,
        Map.of("PATH", "/bin", "LANG", "C", "PRESCAL_ADMIN_TOKEN", "t", "USER", "root"),
        Map.of("LANG", "de_DE.UTF-8", "ADDR", "127.0.0.1:{port}"),
        4711);

    assertThat(target)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("PATH", "/bin", "LANG", "de_DE.UTF-8", "ADDR", "127.0.0.1:4711"));
  }

  private static Map<String, String> parse(List<String> lines) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : lines) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        out.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return out;
  }
}
