package io.prescal.proxy.provider;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Starts, adopts and stops the backends of one service. Every method returns at once: slow work
 * (Docker calls, process start) runs on the provider's own threads, never on an event loop.
 */
public interface BackendProvider extends AutoCloseable {

  /**
   * Backends of this service that already run and carry its marks (for Docker: the labels {@code
   * io.prescal.managed=true} and {@code io.prescal.service=<name>}), so a restarted proxy adopts
   * them instead of orphaning them.
   */
  CompletableFuture<List<ProvidedBackend>> adopt();

  /** Starts one new backend; completes when it runs (it may not be ready for traffic yet). */
  CompletableFuture<ProvidedBackend> start();

  /**
   * Stops a backend: asks it to stop (SIGTERM), waits up to {@code grace}, then kills it; completes
   * when it is gone.
   */
  CompletableFuture<Void> stop(ProvidedBackend backend, Duration grace);

  /** Calls {@code listener} for each backend that stops without being asked to. */
  void onExit(Consumer<BackendExit> listener);

  /** Whether the provider can start and stop backends now (false while Docker is unreachable). */
  boolean available();

  /** Whether backends can be started and stopped at all (false for a static list). */
  boolean scalable();

  /** Releases the provider's threads and connections; running backends are left alone. */
  @Override
  void close();
}
