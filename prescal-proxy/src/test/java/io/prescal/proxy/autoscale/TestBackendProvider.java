package io.prescal.proxy.autoscale;

import io.prescal.common.event.BackendKind;
import io.prescal.proxy.provider.BackendExit;
import io.prescal.proxy.provider.BackendProvider;
import io.prescal.proxy.provider.ProvidedBackend;
import io.prescal.proxy.testing.TestBackend;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A provider whose backends are real HTTP servers on loopback ({@link TestBackend}): the scale
 * loop's whole lifecycle, readiness probe included, without Docker or processes. Tests make starts
 * fail, kill backends, or take the provider away. Freezing a backend is noted (the server keeps
 * answering: the Docker and process ITs show real freezing).
 */
final class TestBackendProvider implements BackendProvider {
  final AtomicInteger starts = new AtomicInteger();
  final Map<String, TestBackend> running = new ConcurrentHashMap<>();
  final Map<String, ProvidedBackend> provided = new ConcurrentHashMap<>();
  final List<ProvidedBackend> adoptable = new CopyOnWriteArrayList<>();
  final List<String> stopped = new CopyOnWriteArrayList<>();
  final List<String> warmStarts = new CopyOnWriteArrayList<>();
  final Set<String> frozen = ConcurrentHashMap.newKeySet();
  final List<String> thawed = new CopyOnWriteArrayList<>();
  final List<ProvidedBackend> adoptableFrozen = new CopyOnWriteArrayList<>();

  /** TCP connections open to each backend when it was frozen. */
  final Map<String, Integer> openWhenFrozen = new ConcurrentHashMap<>();

  volatile int failNext;
  volatile boolean available = true;

  /** How long a start takes, and a stop: a JVM or a container is not there at once. */
  volatile long startMillis;

  volatile long stopMillis;
  private final AtomicInteger inStart = new AtomicInteger();

  /** The most starts that were under way at once. */
  final AtomicInteger maxInStart = new AtomicInteger();

  private final List<Consumer<BackendExit>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

  /** A backend already running, for {@link #adopt()}. */
  ProvidedBackend runningBackend(String id) {
    TestBackend server = TestBackend.named(id);
    running.put(id, server);
    ProvidedBackend backend = provided(id, server);
    provided.put(id, backend);
    return backend;
  }

  @Override
  public CompletableFuture<List<ProvidedBackend>> adopt() {
    return CompletableFuture.completedFuture(List.copyOf(adoptable));
  }

  @Override
  public CompletableFuture<ProvidedBackend> start() {
    return CompletableFuture.supplyAsync(
        () -> {
          int n = starts.incrementAndGet();
          maxInStart.accumulateAndGet(inStart.incrementAndGet(), Math::max);
          try {
            pause(startMillis);
            if (failNext > 0) {
              failNext--;
              throw new IllegalStateException("image web:broken does not run");
            }
            return runningBackend("web-" + n);
          } finally {
            inStart.decrementAndGet();
          }
        },
        executor);
  }

  @Override
  public CompletableFuture<ProvidedBackend> startWarm() {
    return start()
        .thenApply(
            backend -> {
              warmStarts.add(backend.id());
              return backend;
            });
  }

  @Override
  public CompletableFuture<Void> freeze(ProvidedBackend backend) {
    return CompletableFuture.runAsync(
        () -> {
          TestBackend server = running.get(backend.id());
          if (server == null) {
            throw new IllegalStateException("backend " + backend.id() + " does not run");
          }
          // The server sees the probe's FIN a moment after the client closed: a closed
          // connection goes within this wait, a kept-alive one (30 s or more) stays.
          long deadline = System.nanoTime() + Duration.ofSeconds(2).toNanos();
          while (server.open() > 0 && System.nanoTime() < deadline) {
            try {
              Thread.sleep(10);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              break;
            }
          }
          openWhenFrozen.put(backend.id(), server.open());
          frozen.add(backend.id());
        },
        executor);
  }

  @Override
  public CompletableFuture<Void> thaw(ProvidedBackend backend) {
    return CompletableFuture.runAsync(
        () -> {
          if (frozen.remove(backend.id())) {
            thawed.add(backend.id());
          }
        },
        executor);
  }

  @Override
  public CompletableFuture<List<ProvidedBackend>> adoptFrozen() {
    adoptableFrozen.forEach(b -> frozen.add(b.id()));
    return CompletableFuture.completedFuture(List.copyOf(adoptableFrozen));
  }

  @Override
  public CompletableFuture<Void> stop(ProvidedBackend backend, Duration grace) {
    return CompletableFuture.runAsync(
        () -> {
          pause(stopMillis);
          TestBackend server = running.remove(backend.id());
          if (server != null) {
            server.close();
            stopped.add(backend.id());
          }
        },
        executor);
  }

  /** The backend dies on its own (a docker kill). */
  void kill(String id) {
    ProvidedBackend backend = provided.get(id);
    running.remove(id).close();
    var exit = new BackendExit(backend, 137, false, backend.id() + " was killed by signal 9");
    listeners.forEach(l -> l.accept(exit));
  }

  @Override
  public void onExit(Consumer<BackendExit> listener) {
    listeners.add(listener);
  }

  @Override
  public boolean available() {
    return available;
  }

  @Override
  public boolean scalable() {
    return true;
  }

  @Override
  public void close() {
    listeners.clear();
  }

  /** Stops every server still running (test clean-up). */
  void closeAll() {
    running.values().forEach(TestBackend::close);
    running.clear();
    executor.shutdownNow();
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ProvidedBackend provided(String id, TestBackend server) {
    return new ProvidedBackend(
        id,
        "web",
        new InetSocketAddress("127.0.0.1", server.port()),
        BackendKind.PROCESS,
        null,
        null,
        Instant.now());
  }
}
