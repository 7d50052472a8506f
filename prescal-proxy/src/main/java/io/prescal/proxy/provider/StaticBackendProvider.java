package io.prescal.proxy.provider;

import io.prescal.common.event.BackendKind;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The backends listed in the configuration: adopted as they are, never started or stopped by
 * Prescal (they run on their own).
 */
public final class StaticBackendProvider implements BackendProvider {
  private final List<ProvidedBackend> backends;

  /** The static backends of {@code service} at {@code addresses}; ids are host:port. */
  public StaticBackendProvider(String service, List<InetSocketAddress> addresses) {
    Instant now = Instant.now();
    this.backends =
        addresses.stream()
            .map(
                a ->
                    new ProvidedBackend(
                        a.getHostString() + ":" + a.getPort(),
                        service,
                        a,
                        BackendKind.STATIC,
                        null,
                        null,
                        now))
            .toList();
  }

  @Override
  public CompletableFuture<List<ProvidedBackend>> adopt() {
    return CompletableFuture.completedFuture(backends);
  }

  @Override
  public CompletableFuture<ProvidedBackend> start() {
    return CompletableFuture.failedFuture(
        new UnsupportedOperationException(
            "static backends cannot be started: list them under backends: in the configuration"));
  }

  @Override
  public CompletableFuture<Void> stop(ProvidedBackend backend, Duration grace) {
    // Static backends run on their own: stopping one only means forgetting it.
    return CompletableFuture.completedFuture(null);
  }

  @Override
  public void onExit(Consumer<BackendExit> listener) {
    // Static backends are not watched: health checks notice when one dies.
  }

  @Override
  public boolean available() {
    return true;
  }

  @Override
  public boolean scalable() {
    return false;
  }

  @Override
  public void close() {}
}
