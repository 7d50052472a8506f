package io.prescal.proxy.autoscale;

import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.provider.BackendProvider;
import io.prescal.proxy.provider.ProvidedBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes backends out without losing a request: drain (no new requests; those in flight finish,
 * bounded by the service's drain timeout), settle until nothing is in flight, stop with the grace
 * (SIGTERM, then SIGKILL), then remove from the pool. Upgraded connections (WebSocket tunnels)
 * count as in flight: the drain waits for them up to the drain timeout, then the stop closes them
 * and {@code backend.removed} counts them as abandoned. A stop that fails (Docker away) is retried
 * every few seconds; meanwhile the backend stays DRAINING and takes no traffic. Runs on the
 * service's scale thread.
 */
final class Retirement {
  private static final Logger log = LoggerFactory.getLogger(Retirement.class);

  /** A request may have picked the backend just before the drain began: wait that long for it. */
  private static final long SETTLE_MILLIS = 100;

  private static final long RETRY_MILLIS = 3_000;

  private final ServicePool pool;
  private final BackendProvider provider;
  private final ScheduledExecutorService executor;
  private final Consumer<Backend> onRemoved;
  private final Runnable stopped;
  private final Map<String, ProvidedBackend> retiring = new LinkedHashMap<>();
  private volatile Duration stopGrace;
  private boolean closed;

  /**
   * @param stopped runs (on the scale thread) each time a backend is gone: room under the ceiling
   */
  Retirement(
      ServicePool pool,
      BackendProvider provider,
      Duration stopGrace,
      ScheduledExecutorService executor,
      Consumer<Backend> onRemoved,
      Runnable stopped) {
    this.pool = pool;
    this.provider = provider;
    this.stopGrace = stopGrace;
    this.executor = executor;
    this.onRemoved = onRemoved;
    this.stopped = stopped;
  }

  /** Starts taking {@code backend} out; {@code reason} goes into the pool's events. */
  void retire(ProvidedBackend backend, String reason) {
    retiring.put(backend.id(), backend);
    long deadline = System.nanoTime() + pool.settings().drainTimeout().toNanos();
    CompletableFuture<?> drained =
        pool.snapshot().find(backend.id()) == null
            ? CompletableFuture.completedFuture(null)
            : pool.drain(backend.id(), reason).handle((result, error) -> null);
    drained.thenRunAsync(() -> settle(backend, reason, deadline, SETTLE_MILLIS), executor);
  }

  private void settle(ProvidedBackend backend, String reason, long deadline, long delayMillis) {
    executor.schedule(
        () -> {
          Backend inPool = pool.snapshot().find(backend.id());
          boolean busy = inPool != null && inPool.inFlight() > 0;
          if (busy && System.nanoTime() - deadline < 0) {
            settle(backend, reason, deadline, 50);
          } else {
            stop(backend, reason);
          }
        },
        delayMillis,
        TimeUnit.MILLISECONDS);
  }

  private void stop(ProvidedBackend backend, String reason) {
    if (closed) {
      return;
    }
    provider
        .stop(backend, stopGrace)
        .whenCompleteAsync(
            (done, error) -> {
              if (error != null) {
                log.warn(
                    "could not stop backend {}: {}; trying again in {} s",
                    backend.id(),
                    FailureText.of(error),
                    RETRY_MILLIS / 1000);
                executor.schedule(() -> stop(backend, reason), RETRY_MILLIS, TimeUnit.MILLISECONDS);
                return;
              }
              retiring.remove(backend.id());
              Backend inPool = pool.snapshot().find(backend.id());
              if (pool.remove(backend.id(), reason) && inPool != null) {
                onRemoved.accept(inPool);
              }
              stopped.run();
            },
            executor);
  }

  /** What an operator is told when a drain starts. */
  String describe(Backend backend) {
    return "draining "
        + backend.id()
        + " ("
        + backend.inFlight()
        + " in flight, waiting up to "
        + pool.settings().drainTimeout().toSeconds()
        + " s), then stopping it; the autoscaler starts another if it needs one";
  }

  /** Backends still being taken out. */
  int count() {
    return retiring.size();
  }

  void stopGrace(Duration grace) {
    this.stopGrace = grace;
  }

  Duration stopGrace() {
    return stopGrace;
  }

  /**
   * Stops {@code backends} at once, in parallel (the proxy is stopping: nothing is routed any
   * more), removes them from the pool, and waits (bounded) until they are gone.
   */
  void stopNow(List<ProvidedBackend> backends, Duration grace) {
    List<CompletableFuture<Void>> stops = new ArrayList<>();
    for (ProvidedBackend backend : backends) {
      stops.add(
          provider
              .stop(backend, grace)
              .handle(
                  (done, error) -> {
                    if (error != null) {
                      log.warn("could not stop {}: {}", backend.id(), FailureText.of(error));
                    }
                    pool.remove(backend.id(), "proxy stopping");
                    return null;
                  }));
    }
    try {
      CompletableFuture.allOf(stops.toArray(CompletableFuture[]::new))
          .get(grace.toSeconds() + 30, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("{}: not every backend stopped in time: {}", pool.name(), e.toString());
    }
    if (!backends.isEmpty()) {
      log.info("{}: stopped {} backend(s)", pool.name(), backends.size());
    }
  }

  /** Stops retrying; returns the backends not yet stopped. */
  List<ProvidedBackend> close() {
    closed = true;
    List<ProvidedBackend> left = new ArrayList<>(retiring.values());
    retiring.clear();
    return left;
  }
}
