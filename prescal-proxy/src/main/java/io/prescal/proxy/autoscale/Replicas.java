package io.prescal.proxy.autoscale;

import io.prescal.common.event.BackendFailed;
import io.prescal.common.event.BackendState;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.provider.BackendExit;
import io.prescal.proxy.provider.BackendProvider;
import io.prescal.proxy.provider.ProvidedBackend;
import io.prescal.proxy.provider.ReadinessProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The backends a provider runs for one service, on their way through its pool. Out: {@code
 * provider.start()}, {@code pool.add} (STARTING, no traffic), readiness probe, {@code
 * pool.markReady}. In: {@link Retirement} (drain, stop, remove). A start that fails publishes
 * {@code backend.failed} and is retried on a later tick after a {@link StartBackoff}; a backend
 * that dies is published, dropped from the pool at once and counted no more, so the next reconcile
 * replaces it. Every method runs on the service's scale thread ({@code executor}).
 */
final class Replicas {
  private static final Logger log = LoggerFactory.getLogger(Replicas.class);

  private final String service;
  private final ServicePool pool;
  private final BackendProvider provider;
  private final ReadinessProbe probe;
  private final EventSink events;
  private final ScheduledExecutorService executor;
  private final Retirement retirement;
  private final Consumer<Backend> onRemoved;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final List<CompletableFuture<ProvidedBackend>> starting = new ArrayList<>();
  private final StartBackoff backoff = new StartBackoff();
  private boolean closed;

  /** A backend in the pool that counts as a replica (not being retired). */
  static final class Member {
    final ProvidedBackend provided;
    CompletableFuture<Duration> probe;

    Member(ProvidedBackend provided) {
      this.provided = provided;
    }
  }

  Replicas(
      String service,
      ServicePool pool,
      BackendProvider provider,
      ReadinessProbe probe,
      EventSink events,
      ScheduledExecutorService executor,
      Retirement retirement,
      Consumer<Backend> onRemoved) {
    this.service = service;
    this.pool = pool;
    this.provider = provider;
    this.probe = probe;
    this.events = events;
    this.executor = executor;
    this.retirement = retirement;
    this.onRemoved = onRemoved;
  }

  /** Replicas that count: starts under way, starting and ready ones (not those retiring). */
  int current() {
    return starting.size() + members.size();
  }

  /** Replicas ready for traffic. */
  int ready() {
    int ready = 0;
    for (Member m : members.values()) {
      Backend b = pool.snapshot().find(m.provided.id());
      ready += b != null && b.state() == BackendState.READY ? 1 : 0;
    }
    return ready;
  }

  /** Failed starts in a row. */
  int failedStarts() {
    return backoff.failures();
  }

  /** Takes over what the provider finds running; completes (on the scale thread) once listed. */
  CompletableFuture<Integer> adopt() {
    return provider
        .adopt()
        .thenApplyAsync(
            found -> {
              found.forEach(this::join);
              return found.size();
            },
            executor);
  }

  /** Starts or retires backends until {@code desired} count. */
  void reconcile(int desired) {
    int missing = desired - current();
    if (missing > 0) {
      startSome(missing);
    }
    for (int i = 0; i < -missing; i++) {
      Member victim = victim();
      if (victim == null) {
        return; // only starts under way: they join, and the next tick retires them
      }
      retire(victim, "scale in");
    }
  }

  private void startSome(int missing) {
    if (!backoff.allows(System.nanoTime())) {
      return;
    }
    // While starts fail, one at a time: a broken image must not be started max times a tick.
    int count = backoff.failures() > 0 ? (starting.isEmpty() ? 1 : 0) : missing;
    for (int i = 0; i < count; i++) {
      CompletableFuture<ProvidedBackend> start = provider.start();
      starting.add(start);
      start.whenCompleteAsync((b, e) -> started(start, b, e), executor);
    }
  }

  private void started(
      CompletableFuture<ProvidedBackend> start, ProvidedBackend backend, Throwable error) {
    if (!starting.remove(start) || closed) {
      return; // close() took care of it
    }
    if (error != null) {
      failed(service + "-new", "could not start a backend of " + service + ": " + why(error));
    } else {
      join(backend);
    }
  }

  private void join(ProvidedBackend provided) {
    if (members.containsKey(provided.id()) || pool.snapshot().find(provided.id()) != null) {
      return; // adopted twice (an adoption retried after an outage): already here
    }
    Member member = new Member(provided);
    members.put(provided.id(), member);
    pool.add(Backend.of(provided));
    member.probe = probe.awaitReady(provided);
    member.probe.whenCompleteAsync((took, error) -> probed(member, error), executor);
  }

  private void probed(Member member, Throwable error) {
    String id = member.provided.id();
    if (members.get(id) != member || member.probe.isCancelled()) {
      return; // retired or dead meanwhile
    }
    if (error == null) {
      if (pool.markReady(id)) {
        backoff.succeeded();
      }
      return;
    }
    members.remove(id);
    failed(id, why(error));
    drop(id, "not ready");
    provider.stop(member.provided, Duration.ZERO);
  }

  /** A backend stopped without being asked to: published, dropped, to be replaced. */
  void exited(BackendExit exit) {
    String id = exit.backend().id();
    Member member = members.remove(id);
    if (member == null) {
      return; // being retired, or not one of ours
    }
    Backend backend = pool.snapshot().find(id);
    boolean wasStarting = backend == null || backend.state() == BackendState.STARTING;
    if (member.probe != null) {
      member.probe.cancel(false);
    }
    if (wasStarting) {
      backoff.failed(System.nanoTime()); // a crash loop must not restart at tick rate
    }
    events.publish(
        service, new BackendFailed(id, exit.reason(), exit.exitCode(), exit.oomKilled()));
    drop(id, "failed");
  }

  /**
   * Retires the backend {@code id} (an operator's drain).
   *
   * @return what happens, or null when there is no such backend
   */
  String retire(String id, String reason) {
    Member member = members.get(id);
    if (member == null) {
      return null;
    }
    Backend backend = pool.snapshot().find(id);
    retire(member, reason);
    return backend == null ? "stopping " + id : retirement.describe(backend);
  }

  private void retire(Member member, String reason) {
    members.remove(member.provided.id());
    if (member.probe != null) {
      member.probe.cancel(false);
    }
    retirement.retire(member.provided, reason);
  }

  /**
   * The one to retire: not ready first (no traffic), then the ready one with the fewest in flight.
   */
  private Member victim() {
    return members.values().stream()
        .min(
            Comparator.comparingInt(
                (Member m) -> {
                  Backend b = pool.snapshot().find(m.provided.id());
                  return b == null || b.state() != BackendState.READY
                      ? Integer.MIN_VALUE
                      : b.inFlight();
                }))
        .orElse(null);
  }

  private void failed(String id, String reason) {
    backoff.failed(System.nanoTime());
    log.warn("{}; next start of {} in {} s", reason, service, backoff.delay().toSeconds());
    events.publish(service, new BackendFailed(id, reason, null, false));
  }

  private void drop(String id, String reason) {
    Backend backend = pool.snapshot().find(id);
    if (pool.remove(id, reason) && backend != null) {
      onRemoved.accept(backend);
    }
  }

  /**
   * Stops reacting; waits (up to {@code bound}) for starts under way, so that nothing started now
   * is forgotten.
   *
   * @return every backend it ran, ready or not
   */
  List<ProvidedBackend> close(Duration bound) {
    closed = true;
    List<ProvidedBackend> all = new ArrayList<>();
    for (CompletableFuture<ProvidedBackend> start : starting) {
      try {
        all.add(start.get(bound.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS));
      } catch (Exception e) {
        log.debug("a start of {} did not finish at close: {}", service, e.toString());
      }
    }
    starting.clear();
    for (Member member : members.values()) {
      if (member.probe != null) {
        member.probe.cancel(false);
      }
      all.add(member.provided);
    }
    members.clear();
    return all;
  }

  static String why(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof java.util.concurrent.CompletionException
            || cause instanceof java.util.concurrent.ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
  }
}
