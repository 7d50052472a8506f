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
   * them instead of orphaning them. Frozen ones are not among them (see {@link #adoptFrozen()}).
   */
  CompletableFuture<List<ProvidedBackend>> adopt();

  /** Starts one new backend; completes when it runs (it may not be ready for traffic yet). */
  CompletableFuture<ProvidedBackend> start();

  /**
   * Starts one new backend for the warm pool, marked as such where the provider can (Docker: the
   * label {@code io.prescal.warm=true}); otherwise as {@link #start()}.
   */
  default CompletableFuture<ProvidedBackend> startWarm() {
    return start();
  }

  /**
   * Freezes a running backend for the warm pool: it keeps its memory but uses no CPU and answers
   * nothing until {@link #thaw}ed (Docker: {@code pause}; process: SIGSTOP). Completes once it is
   * frozen.
   */
  default CompletableFuture<Void> freeze(ProvidedBackend backend) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("this provider cannot freeze backends"));
  }

  /** Thaws a frozen backend (Docker: {@code unpause}; process: SIGCONT); completes once it runs. */
  default CompletableFuture<Void> thaw(ProvidedBackend backend) {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException("this provider cannot thaw backends"));
  }

  /**
   * Frozen backends of this service that a previous proxy left (Docker: paused containers with its
   * labels), to adopt into the warm pool; {@link #adopt()} does not list them. None for providers
   * whose backends do not outlive the proxy.
   */
  default CompletableFuture<List<ProvidedBackend>> adoptFrozen() {
    return CompletableFuture.completedFuture(List.of());
  }

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
