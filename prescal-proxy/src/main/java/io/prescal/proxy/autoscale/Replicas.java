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

/**
 * The backends a provider runs for one service: how many there are, which to add ({@link Startup})
 * or to take out ({@link Retirement}) to reach a count, and what happens when one dies: it is
 * published as {@code backend.failed}, dropped from the pool at once and counted no more, so the
 * next reconcile replaces it. A scale-out takes warm backends ({@link WarmPool}) before it starts
 * new ones, and the warm pool refills after the replicas' starts. Every method runs on the
 * service's scale thread ({@code executor}).
 */
final class Replicas {
  private final String service;
  private final ServicePool pool;
  private final BackendProvider provider;
  private final EventSink events;
  private final ScheduledExecutorService executor;
  private final Retirement retirement;
  private final Consumer<Backend> onRemoved;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final Startup startup;
  private final WarmPool warm;

  /**
   * @param warmSize backends to keep warm
   * @param settled runs (on the scale thread) when a start ends or a warm backend settles: room for
   *     more
   */
  Replicas(
      String service,
      ServicePool pool,
      BackendProvider provider,
      ReadinessProbe probe,
      EventSink events,
      ScheduledExecutorService executor,
      Retirement retirement,
      Consumer<Backend> onRemoved,
      StartGate gate,
      int warmSize,
      Runnable settled) {
    this.service = service;
    this.pool = pool;
    this.provider = provider;
    this.events = events;
    this.executor = executor;
    this.retirement = retirement;
    this.onRemoved = onRemoved;
    StartBackoff backoff = new StartBackoff();
    this.startup =
        new Startup(
            service, pool, provider, probe, events, executor, members, onRemoved, gate, backoff,
            settled);
    this.warm =
        new WarmPool(
            service,
            warmSize,
            provider,
            probe,
            events,
            executor,
            gate,
            backoff,
            retirement::stopGrace,
            settled);
  }

  /** Replicas that count: starts under way, starting and ready ones (not those retiring). */
  int current() {
    return startup.underWay() + members.size();
  }

  /**
   * Backends that exist: counted replicas, those being retired and warm ones (what the ceiling
   * bounds).
   */
  int existing() {
    return current() + retirement.count() + warm.count();
  }

  /** Replicas that run but are not ready yet. */
  int starting() {
    int starting = 0;
    for (Member m : members.values()) {
      starting += state(m) == BackendState.STARTING ? 1 : 0;
    }
    return starting;
  }

  /** Replicas ready for traffic. */
  int ready() {
    int ready = 0;
    for (Member m : members.values()) {
      ready += state(m) == BackendState.READY ? 1 : 0;
    }
    return ready;
  }

  /** Failed starts in a row. */
  int failedStarts() {
    return startup.failures();
  }

  /**
   * Takes over what the provider finds running, and its frozen backends into the warm pool;
   * completes (on the scale thread) once listed, with how many replicas.
   */
  CompletableFuture<Integer> adopt() {
    return provider
        .adopt()
        .thenApplyAsync(
            found -> {
              found.forEach(startup::join);
              return found.size();
            },
            executor)
        .thenCompose(replicas -> warm.adopt().thenApply(frozen -> replicas));
  }

  /**
   * Starts or retires backends until {@code desired} count: warm backends first, then new starts;
   * then the warm pool refills with what the bounds leave.
   */
  void reconcile(int desired) {
    int missing = desired - current();
    while (missing > 0) {
      var handover = warm.take();
      if (handover == null) {
        break;
      }
      startup.handOver(handover);
      missing--;
    }
    if (missing > 0) {
      startup.start(missing, existing(), asked(), starting() + warm.starting());
    }
    for (int i = 0; i < -missing; i++) {
      Member victim = victim();
      if (victim == null) {
        break; // only starts under way: they join, and the next tick retires them
      }
      retire(victim, "scale in");
    }
    warm.fill(existing(), asked(), starting() + warm.starting());
  }

  /** Starts asked of the provider and not yet answered, replicas' and warm ones. */
  private int asked() {
    return startup.underWay() + warm.asked();
  }

  /** Takes a reloaded warm pool size. */
  void warmSize(int size) {
    warm.size(size);
  }

  /** The warm pool as {@code /status} shows it. */
  WarmPoolStatus warm() {
    return warm.status();
  }

  /** A backend stopped without being asked to: published, dropped, to be replaced. */
  void exited(BackendExit exit) {
    if (warm.exited(exit)) {
      return;
    }
    String id = exit.backend().id();
    Member member = members.remove(id);
    if (member == null) {
      return; // being retired, or not one of ours
    }
    member.stopProbing();
    if (state(member) != BackendState.READY) {
      startup.diedStarting();
    }
    events.publish(
        service, new BackendFailed(id, exit.reason(), exit.exitCode(), exit.oomKilled()));
    Backend backend = pool.snapshot().find(id);
    if (pool.remove(id, "failed") && backend != null) {
      onRemoved.accept(backend);
    }
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
    members.remove(member.id());
    member.stopProbing();
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
                  Backend b = pool.snapshot().find(m.id());
                  return b == null || b.state() != BackendState.READY
                      ? Integer.MIN_VALUE
                      : b.inFlight();
                }))
        .orElse(null);
  }

  private BackendState state(Member member) {
    Backend backend = pool.snapshot().find(member.id());
    return backend == null ? BackendState.REMOVED : backend.state();
  }

  /**
   * Stops the warm pool; waits (up to {@code bound}) for its starts under way.
   *
   * @param thaw whether to thaw its frozen backends first
   * @return every warm backend
   */
  List<ProvidedBackend> closeWarm(Duration bound, boolean thaw) {
    return warm.close(bound, thaw);
  }

  /**
   * Stops reacting; waits (up to {@code bound}) for starts under way, so that nothing started now
   * is forgotten.
   *
   * @return every backend it ran, ready or not
   */
  List<ProvidedBackend> close(Duration bound) {
    List<ProvidedBackend> all = new ArrayList<>(startup.close(bound));
    for (Member member : members.values()) {
      member.stopProbing();
      all.add(member.provided);
    }
    members.clear();
    return all;
  }
}
