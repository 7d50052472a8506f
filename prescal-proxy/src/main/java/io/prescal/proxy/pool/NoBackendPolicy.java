package io.prescal.proxy.pool;

import java.util.concurrent.CompletableFuture;

/**
 * What happens to a request that finds no ready backend in its service. The default answers 503 at
 * once; a hold queue (scale from zero) returns a future that completes when a backend is ready. The
 * request path waits for the future without blocking its event loop and reads no body bytes until
 * it completes.
 */
@FunctionalInterface
public interface NoBackendPolicy {

  /** Rejects at once: the client gets 503 with Retry-After. */
  NoBackendPolicy REJECT = (pool, context) -> CompletableFuture.completedFuture(null);

  /**
   * Called on an event loop when {@code pool} has no routable backend for a request.
   *
   * @return a future completed with the backend to use, with null to answer 503, or exceptionally
   *     with {@link StartingPage#INSTANCE} to answer a browser the "starting" page
   */
  CompletableFuture<Backend> onNoBackend(ServicePool pool, PickContext context);

  /** Requests waiting now (reported as the service's queue length). */
  default int queueLength() {
    return 0;
  }
}
