package io.prescal.proxy.provider.process;

import io.prescal.common.event.BackendKind;
import io.prescal.proxy.provider.BackendExit;
import io.prescal.proxy.provider.BackendProvider;
import io.prescal.proxy.provider.ExitCodes;
import io.prescal.proxy.provider.ProvidedBackend;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a service's backends as local processes from a command template with {@code {port}}: the
 * provider for a machine without Docker. A backend starts with a clean environment ({@link
 * BackendEnvironment}), and its output reaches the log in lines of bounded length ({@link
 * OutputLines}). For the warm pool, a backend is frozen with SIGSTOP and thawed with SIGCONT, it
 * and what it started ({@link ProcessFreezer}). Nothing survives the proxy to be adopted: {@link
 * #adopt()} finds nothing, and with {@code stopOnExit} (the default) a shutdown hook stops every
 * backend when the proxy exits (a proxy killed with SIGKILL leaves them running).
 */
public final class ProcessProvider implements BackendProvider {

  private static final Logger LOG = LoggerFactory.getLogger(ProcessProvider.class);
  private static final Logger OUTPUT = LoggerFactory.getLogger("io.prescal.backend");

  private final String service;
  private final ProcessSettings settings;
  private final ExecutorService executor;
  private final Map<String, Process> running = new ConcurrentHashMap<>();
  private final List<Consumer<BackendExit>> listeners = new CopyOnWriteArrayList<>();
  private final LongAdder cutOutputLines = new LongAdder();
  private final ProcessFreezer freezer = new ProcessFreezer(Path.of("/proc"));

  /**
   * A provider for {@code service}.
   *
   * @throws IllegalArgumentException listing every problem when the settings are invalid
   */
  public ProcessProvider(String service, ProcessSettings settings) {
    this.service = service;
    this.settings = settings.validated();
    this.executor =
        Executors.newThreadPerTaskExecutor(
            Thread.ofVirtual().name("prescal-process-" + service + "-", 0).factory());
    if (settings.stopOnExit()) {
      Runtime.getRuntime()
          .addShutdownHook(
              Thread.ofPlatform().name("prescal-process-stop-" + service).unstarted(this::stopAll));
    }
  }

  @Override
  public CompletableFuture<List<ProvidedBackend>> adopt() {
    return CompletableFuture.completedFuture(List.of());
  }

  @Override
  public CompletableFuture<ProvidedBackend> start() {
    return CompletableFuture.supplyAsync(this::launch, executor);
  }

  /** SIGSTOP to the backend and what it started; completes once it shows stopped. */
  @Override
  public CompletableFuture<Void> freeze(ProvidedBackend backend) {
    return CompletableFuture.runAsync(() -> freezer.freeze(process(backend)), executor);
  }

  /** SIGCONT to the backend and what it started. */
  @Override
  public CompletableFuture<Void> thaw(ProvidedBackend backend) {
    return CompletableFuture.runAsync(() -> freezer.thaw(process(backend)), executor);
  }

  private Process process(ProvidedBackend backend) {
    Process process = running.get(backend.id());
    if (process == null) {
      throw new IllegalStateException(
          "backend "
              + backend.id()
              + " of "
              + service
              + " does not run (it exited or was stopped)");
    }
    return process;
  }

  @Override
  public CompletableFuture<Void> stop(ProvidedBackend backend, Duration grace) {
    Process process = running.remove(backend.id());
    if (process == null) {
      return CompletableFuture.completedFuture(null); // already gone, or never ours
    }
    return ProcessTermination.terminate(process, grace);
  }

  @Override
  public void onExit(Consumer<BackendExit> listener) {
    listeners.add(listener);
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public boolean scalable() {
    return true;
  }

  /** Stops reporting exits; running backends are left alone (the shutdown hook still applies). */
  @Override
  public void close() {
    listeners.clear();
    executor.shutdown();
  }

  private ProvidedBackend launch() {
    int port = freePort();
    List<String> command = settings.commandFor(port);
    String id = service + "-" + port;
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    BackendEnvironment.fill(builder.environment(), System.getenv(), settings.environment(), port);
    if (settings.workingDirectory() != null) {
      builder.directory(new File(settings.workingDirectory()));
    }
    if (!settings.logOutput()) {
      builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    }
    Process process;
    try {
      process = builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run "
              + command.getFirst()
              + " for service "
              + service
              + " ("
              + e.getMessage()
              + "); check the process command",
          e);
    }
    var backend =
        new ProvidedBackend(
            id,
            service,
            new InetSocketAddress("127.0.0.1", port),
            BackendKind.PROCESS,
            Long.toString(process.pid()),
            String.join(" ", command),
            Instant.now());
    running.put(id, process);
    if (settings.logOutput()) {
      executor.execute(() -> pipeOutput(id, process, settings.maxOutputLineBytes()));
    }
    process.onExit().thenAcceptAsync(done -> exited(backend, done), executor);
    LOG.info("started backend {} of {} (pid {}): {}", id, service, process.pid(), backend.image());
    return backend;
  }

  private void exited(ProvidedBackend backend, Process process) {
    if (!running.remove(backend.id(), process)) {
      return; // stopped on purpose
    }
    int code = process.exitValue();
    var exit =
        new BackendExit(
            backend,
            code,
            false,
            "process " + backend.id() + " (pid " + process.pid() + ") " + ExitCodes.describe(code));
    LOG.warn("{}", exit.reason());
    listeners.forEach(l -> l.accept(exit));
  }

  private void pipeOutput(String id, Process process, int maxLineBytes) {
    OutputLines lines = new OutputLines(maxLineBytes);
    try (InputStream in = process.getInputStream()) {
      lines.pump(
          in,
          line -> {
            if (line.cut()) {
              cutOutputLines.increment();
              OUTPUT.info(
                  "[{}] {} [line cut at {} bytes; {} lines of this backend cut so far]",
                  id,
                  line.text(),
                  maxLineBytes,
                  line.cutSoFar());
            } else {
              OUTPUT.info("[{}] {}", id, line.text());
            }
          });
    } catch (IOException e) {
      LOG.debug("output of {} ended: {}", id, e.getMessage());
    }
  }

  /** Output lines of this service's backends cut at {@code maxOutputLine} so far. */
  long cutOutputLines() {
    return cutOutputLines.sum();
  }

  private void stopAll() {
    var all = List.copyOf(running.values());
    running.clear();
    all.forEach(p -> ProcessTermination.terminate(p, Duration.ofSeconds(5)).join());
  }

  private static int freePort() {
    // The port is free now; a race with another program is caught by the readiness probe.
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port on 127.0.0.1: " + e.getMessage(), e);
    }
  }
}
