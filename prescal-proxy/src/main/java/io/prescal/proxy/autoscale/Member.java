package io.prescal.proxy.autoscale;

import io.prescal.proxy.provider.ProvidedBackend;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** A backend in the pool that counts as a replica (not being retired), and its readiness probe. */
final class Member {
  final ProvidedBackend provided;
  CompletableFuture<Duration> probe;

  Member(ProvidedBackend provided) {
    this.provided = provided;
  }

  String id() {
    return provided.id();
  }

  /** Stops probing (the backend is leaving). */
  void stopProbing() {
    if (probe != null) {
      probe.cancel(false);
    }
  }
}
