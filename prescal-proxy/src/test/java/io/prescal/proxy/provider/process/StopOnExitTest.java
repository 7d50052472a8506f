package io.prescal.proxy.provider.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Backends die with the proxy unless told otherwise: a real proxy JVM that exits. */
class StopOnExitTest {

  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();

  @Test
  void backendsAndWhatTheyStartedStopWhenTheProxyExits() throws Exception {
    List<Long> pids = backendOfAnExitedProxy(true);

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> pids.stream().noneMatch(ProcessState::running));
  }

  @Test
  void withStopOnExitOffBackendsOutliveTheProxy() throws Exception {
    List<Long> pids = backendOfAnExitedProxy(false);
    try {
      await()
          .during(Duration.ofSeconds(1))
          .atMost(Duration.ofSeconds(3))
          .until(() -> pids.stream().allMatch(ProcessState::running));
    } finally {
      pids.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
    }
  }

  /** The pids of the backend (a shell) and its child (a sleep), once the proxy has exited. */
  private static List<Long> backendOfAnExitedProxy(boolean stopOnExit) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                JAVA,
                "-cp",
                System.getProperty("java.class.path"),
                ProxyStandIn.class.getName(),
                Boolean.toString(stopOnExit)));
    command.addAll(List.of("sh", "-c", "sleep 60; echo {port}"));
    Process proxy = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<Long> pids = new ArrayList<>();
    try (var lines =
        new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        if (line.startsWith("pid ") || line.startsWith("child ")) {
          pids.add(Long.parseLong(line.substring(line.indexOf(' ') + 1).trim()));
        }
      }
    }
    assertThat(proxy.waitFor(30, TimeUnit.SECONDS)).isTrue();
    assertThat(proxy.exitValue()).isZero();
    assertThat(pids).as("the stand-in proxy printed its backend's pids").hasSize(2);
    return pids;
  }
}
