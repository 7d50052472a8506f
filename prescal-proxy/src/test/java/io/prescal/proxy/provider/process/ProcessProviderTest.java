package io.prescal.proxy.provider.process;

import static io.prescal.proxy.provider.BackendRequests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.prescal.common.event.BackendKind;
import io.prescal.proxy.provider.BackendExit;
import io.prescal.proxy.provider.ProvidedBackend;
import io.prescal.proxy.provider.ReadinessProbe;
import io.prescal.proxy.provider.ReadinessSettings;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The process provider with real processes: the test JVM's own java running the JDK's simple web
 * server on the port the provider picks.
 */
class ProcessProviderTest {

  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final List<String> WEB_SERVER =
      List.of(JAVA, "-m", "jdk.httpserver", "-b", "127.0.0.1", "-p", "{port}");

  @TempDir Path served;

  private final List<ProcessProvider> providers = new CopyOnWriteArrayList<>();
  private final List<ProvidedBackend> started = new CopyOnWriteArrayList<>();
  private final List<BackendExit> exits = new CopyOnWriteArrayList<>();
  private final ReadinessProbe probe = new ReadinessProbe(ReadinessSettings.defaults());

  @AfterEach
  void cleanUp() {
    started.forEach(
        b ->
            ProcessHandle.of(Long.parseLong(b.container()))
                .ifPresent(ProcessHandle::destroyForcibly));
    providers.forEach(ProcessProvider::close);
    probe.close();
  }

  @Test
  void startsTheCommandOnAFreeLoopbackPortAndStopsItWithoutReportingAnExit() throws Exception {
    var provider = provider(settings(WEB_SERVER, Map.of()));

    ProvidedBackend backend = start(provider);
    probe.awaitReady(backend).get(30, TimeUnit.SECONDS);

    assertThat(backend.kind()).isEqualTo(BackendKind.PROCESS);
    assertThat(backend.address().getHostString()).isEqualTo("127.0.0.1");
    assertThat(backend.id()).isEqualTo("web-" + backend.address().getPort());
    assertThat(backend.image()).endsWith("-p " + backend.address().getPort());
    assertThat(get(backend)).isEqualTo(200);

    ProcessHandle handle = ProcessHandle.of(Long.parseLong(backend.container())).orElseThrow();
    provider.stop(backend, Duration.ofSeconds(10)).get(15, TimeUnit.SECONDS);

    assertThat(handle.isAlive()).isFalse();
    Thread.sleep(300); // an exit report would come from another thread
    assertThat(exits).isEmpty();
  }

  @Test
  void aKilledBackendIsReportedAsAnExitAtOnce() throws Exception {
    var provider = provider(settings(WEB_SERVER, Map.of()));
    ProvidedBackend backend = start(provider);
    probe.awaitReady(backend).get(30, TimeUnit.SECONDS);

    ProcessHandle.of(Long.parseLong(backend.container())).orElseThrow().destroyForcibly();

    await().atMost(Duration.ofSeconds(2)).until(() -> !exits.isEmpty());
    BackendExit exit = exits.getFirst();
    assertThat(exit.backend()).isEqualTo(backend);
    assertThat(exit.exitCode()).isEqualTo(137);
    assertThat(exit.oomKilled()).isFalse();
    assertThat(exit.reason())
        .isEqualTo(
            "process "
                + backend.id()
                + " (pid "
                + backend.container()
                + ") was killed by signal 9 (exit code 137)");
  }

  @Test
  void aBackendThatExitsOnItsOwnIsReportedWithItsCode() throws Exception {
    var provider = provider(settings(List.of("sh", "-c", "sleep 0.2; exit 3", "{port}"), Map.of()));

    ProvidedBackend backend = start(provider);

    await().atMost(Duration.ofSeconds(5)).until(() -> !exits.isEmpty());
    assertThat(exits.getFirst().exitCode()).isEqualTo(3);
    assertThat(exits.getFirst().reason()).endsWith(backend.container() + ") exited with code 3");
  }

  @Test
  void stopKillsWhatIgnoresSigtermAfterTheGrace() throws Exception {
    // An ignored signal stays ignored across exec: neither the shell nor its sleep stops on TERM.
    var provider =
        provider(settings(List.of("sh", "-c", "trap '' TERM; sleep 60; echo {port}"), Map.of()));
    ProvidedBackend backend = start(provider);
    ProcessHandle handle = ProcessHandle.of(Long.parseLong(backend.container())).orElseThrow();
    // Once the sleep runs, the shell has set its trap.
    await().atMost(Duration.ofSeconds(5)).until(() -> handle.descendants().findAny().isPresent());
    List<ProcessHandle> children = handle.descendants().toList();

    var stopped = provider.stop(backend, Duration.ofSeconds(1));
    Thread.sleep(500);
    assertThat(stopped).isNotDone();
    assertThat(handle.isAlive()).isTrue();

    stopped.get(10, TimeUnit.SECONDS);
    assertThat(handle.isAlive()).isFalse();
    await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> children.stream().noneMatch(c -> ProcessState.running(c.pid())));
    assertThat(exits).isEmpty();
  }

  @Test
  void freezeStopsTheBackendAndWhatItStartedAndThawResumesThem() throws Exception {
    // The shell is the backend; its sleep is what it started (a server's worker, say).
    var provider = provider(settings(List.of("sh", "-c", "sleep 60; echo {port}"), Map.of()));
    ProvidedBackend backend = start(provider);
    long pid = Long.parseLong(backend.container());
    ProcessHandle handle = ProcessHandle.of(pid).orElseThrow();
    await().atMost(Duration.ofSeconds(5)).until(() -> handle.descendants().findAny().isPresent());
    long child = handle.descendants().findFirst().orElseThrow().pid();

    provider.freeze(backend).get(10, TimeUnit.SECONDS);

    assertThat(ProcessState.letter(pid)).isEqualTo('T');
    assertThat(ProcessState.letter(child)).isEqualTo('T');

    provider.thaw(backend).get(10, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(5)).until(() -> ProcessState.letter(pid) != 'T');
    assertThat(ProcessState.letter(child)).isNotEqualTo('T');
    provider.stop(backend, Duration.ofSeconds(5)).get(15, TimeUnit.SECONDS);
    assertThat(exits).isEmpty();
  }

  @Test
  void aFrozenWebServerAnswersNothingUntilThawed() throws Exception {
    var provider = provider(settings(WEB_SERVER, Map.of()));
    ProvidedBackend backend = start(provider);
    probe.awaitReady(backend).get(30, TimeUnit.SECONDS);

    provider.freeze(backend).get(10, TimeUnit.SECONDS);
    var frozen = HttpClient.newHttpClient();
    var asked =
        frozen.sendAsync(
            HttpRequest.newBuilder(URI.create("http://" + backend.addressText() + "/")).build(),
            HttpResponse.BodyHandlers.discarding());
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !asked.isDone());

    provider.thaw(backend).get(10, TimeUnit.SECONDS);
    assertThat(asked.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    frozen.close();
  }

  @Test
  void freezingABackendThatIsGoneFailsWithItsName() throws Exception {
    var provider = provider(settings(WEB_SERVER, Map.of()));
    ProvidedBackend backend = start(provider);
    provider.stop(backend, Duration.ofSeconds(5)).get(15, TimeUnit.SECONDS);

    assertThatThrownBy(() -> provider.freeze(backend).get(5, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .hasMessageContaining(
            "backend " + backend.id() + " of web does not run (it exited or was stopped)");
  }

  @Test
  void thePortReachesTheBackendThroughTheEnvironmentToo() throws Exception {
    var provider =
        provider(
            settings(
                List.of("sh", "-c", "exec \"$JAVA\" -m jdk.httpserver -b 127.0.0.1 -p \"$PORT\""),
                Map.of("PORT", "{port}", "JAVA", JAVA)));

    ProvidedBackend backend = start(provider);

    probe.awaitReady(backend).get(30, TimeUnit.SECONDS);
    assertThat(get(backend)).isEqualTo(200);
  }

  @Test
  void aBackendsOutputLineWithoutNewlineIsCutAtTheLimitAndCounted() throws Exception {
    var provider =
        provider(
            new ProcessSettings(
                List.of(
                    "sh",
                    "-c",
                    "head -c 300000 /dev/zero | tr '\\0' a; echo; echo short {port}; exit 3"),
                served.toString(),
                Map.of(),
                true,
                true,
                ProcessSettings.MIN_OUTPUT_LINE_BYTES));

    start(provider);

    await().atMost(Duration.ofSeconds(10)).until(() -> !exits.isEmpty());
    await().atMost(Duration.ofSeconds(5)).until(() -> provider.cutOutputLines() == 1);
  }

  @Test
  void adoptFindsNothing() throws Exception {
    assertThat(provider(settings(WEB_SERVER, Map.of())).adopt().get()).isEmpty();
  }

  @Test
  void aMissingProgramFailsTheStartWithTheFix() {
    var provider = provider(settings(List.of("/no/such/program", "{port}"), Map.of()));

    assertThatThrownBy(() -> provider.start().get(10, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .hasMessageStartingWith("cannot run /no/such/program for service web (")
        .hasMessageEndingWith("); check the process command");
  }

  @Test
  void settingsWithoutPortOrCommandAreRefusedWithEveryProblem() {
    assertThat(
            new ProcessSettings(List.of("server"), "/no/such/dir", Map.of(), true, true).problems())
        .extracting(Object::toString)
        .containsExactly(
            "command: [server] (expected: {port} in an argument or an environment value, so the"
                + " backend listens where the proxy connects)",
            "workingDirectory: /no/such/dir (expected: an existing directory, or none)");
    assertThat(
            new ProcessSettings(List.of("server", "{port}"), null, Map.of(), true, true, 10)
                .problems())
        .extracting(Object::toString)
        .containsExactly("maxOutputLine: 10 (expected: a size from 256 to 1048576 bytes)");
    assertThatThrownBy(() -> new ProcessProvider("web", ProcessSettings.of(List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("invalid process settings:\n  command: [] (expected: a program");
  }

  private ProcessSettings settings(List<String> command, Map<String, String> env) {
    return new ProcessSettings(command, served.toString(), env, true, true);
  }

  private ProcessProvider provider(ProcessSettings settings) {
    var provider = new ProcessProvider("web", settings);
    provider.onExit(exits::add);
    providers.add(provider);
    return provider;
  }

  private ProvidedBackend start(ProcessProvider provider) throws Exception {
    try {
      ProvidedBackend backend = provider.start().get(10, TimeUnit.SECONDS);
      started.add(backend);
      return backend;
    } catch (CompletionException e) {
      throw (Exception) e.getCause();
    }
  }
}
