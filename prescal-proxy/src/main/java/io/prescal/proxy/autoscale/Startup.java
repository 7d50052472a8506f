package io.prescal.proxy.autoscale;

import io.prescal.common.event.BackendFailed;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.provider.BackendProvider;
import io.prescal.proxy.provider.ProvidedBackend;
import io.prescal.proxy.provider.ReadinessProbe;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings backends in: {@code provider.start()}, {@code pool.add} (STARTING, no traffic), the
 * readiness probe, {@code pool.markReady}. How many may start at once is the {@link StartGate}'s to
 * say (ceiling, waves, host headroom); when a backend becomes ready or fails, {@code settled} runs
 * so that the next wave starts at once. A start that fails, or a backend that does not pass its
 * probe, publishes {@code backend.failed}, is removed, and is tried again on a later tick after a
 * {@link StartBackoff}. Warm backends handed over by the {@link WarmPool} join the same way (their
 * failures are the warm pool's to report). Runs on the service's scale thread ({@code executor}).
 */
final class Startup {
  private static final Logger log = LoggerFactory.getLogger(Startup.class);

  private final String service;
  private final ServicePool pool;
  private final BackendProvider provider;
  private final ReadinessProbe probe;
  private final EventSink events;
  private final ScheduledExecutorService executor;
  private final Map<String, Member> members;
  private final Consumer<Backend> onRemoved;
  private final StartGate gate;
  private final Runnable settled;
  private final List<CompletableFuture<ProvidedBackend>> underWay = new ArrayList<>();
  private final List<CompletableFuture<ProvidedBackend>> handedOver = new ArrayList<>();
  private final StartBackoff backoff;
  private boolean closed;

  /**
   * @param members the service's replicas, shared with {@link Replicas}: joined here
   * @param gate admits starts
   * @param backoff the pause after failed starts, shared with the warm pool
   * @param settled runs (on the scale thread) when a start ends, ready or failed: room for more
   */
  Startup(
      String service,
      ServicePool pool,
      BackendProvider provider,
      ReadinessProbe probe,
      EventSink events,
      ScheduledExecutorService executor,
      Map<String, Member> members,
      Consumer<Backend> onRemoved,
      StartGate gate,
      StartBackoff backoff,
      Runnable settled) {
    this.service = service;
    this.backoff = backoff;
    this.pool = pool;
    this.provider = provider;
    this.probe = probe;
    this.events = events;
    this.executor = executor;
    this.members = members;
    this.onRemoved = onRemoved;
    this.gate = gate;
    this.settled = settled;
  }

  /** Starts under way (provider.start() not yet answered). */
  int underWay() {
    return underWay.size();
  }

  /** Failed starts in a row. */
  int failures() {
    return backoff.failures();
  }

  /**
   * Starts up to {@code missing} backends, as the backoff and the {@link StartGate} allow.
   *
   * @param existing backends that exist now: asked for, starting, ready and being retired, warm
   * @param asked starts asked of the provider and not yet answered, warm ones included
   * @param starting backends that run but are not ready yet, warm ones not yet frozen included
   */
  void start(int missing, int existing, int asked, int starting) {
    if (!backoff.allows(System.nanoTime())) {
      return;
    }
    // While starts fail, one at a time: a broken image must not be started max times a tick.
    int wanted = backoff.failures() > 0 ? (asked == 0 ? 1 : 0) : missing;
    int count = wanted > 0 ? gate.admit(wanted, existing, asked, starting) : 0;
    for (int i = 0; i < count; i++) {
      CompletableFuture<ProvidedBackend> start = provider.start();
      underWay.add(start);
      start.whenCompleteAsync((b, e) -> started(start, b, e), executor);
    }
  }

  /**
   * A warm backend handed over by the {@link WarmPool}: it counts as a start under way until it
   * runs, then joins as any other. No gate: it exists already, within every bound.
   */
  void handOver(CompletableFuture<ProvidedBackend> warm) {
    underWay.add(warm);
    handedOver.add(warm);
    warm.whenCompleteAsync((b, e) -> started(warm, b, e), executor);
  }

  private void started(
      CompletableFuture<ProvidedBackend> start, ProvidedBackend backend, Throwable error) {
    boolean warm = handedOver.remove(start);
    if (!underWay.remove(start) || closed) {
      return; // close() took care of it
    }
    if (error != null && warm) {
      settled.run(); // the warm pool published it
    } else if (error != null) {
      failed(
          service + "-new",
          "could not start a backend of " + service + ": " + FailureText.of(error));
      settled.run();
    } else {
      join(backend);
    }
  }

  /** Lets a running backend in: STARTING until its probe passes. */
  void join(ProvidedBackend provided) {
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
    if (members.get(member.id()) != member || member.probe.isCancelled()) {
      return; // retired or dead meanwhile
    }
    if (error == null) {
      if (pool.markReady(member.id())) {
        backoff.succeeded();
      }
      settled.run();
      return;
    }
    members.remove(member.id());
    failed(member.id(), FailureText.of(error));
    Backend backend = pool.snapshot().find(member.id());
    if (pool.remove(member.id(), "not ready") && backend != null) {
      onRemoved.accept(backend);
    }
    provider.stop(member.provided, Duration.ZERO);
    settled.run();
  }

  /** A backend died before it was ready: a crash loop must not restart at tick rate. */
  void diedStarting() {
    backoff.failed(System.nanoTime());
  }

  private void failed(String id, String reason) {
    backoff.failed(System.nanoTime());
    log.warn("{}; next start of {} in {} s", reason, service, backoff.delay().toSeconds());
    events.publish(service, new BackendFailed(id, reason, null, false));
  }

  /**
   * Stops reacting; waits (up to {@code bound}) for starts under way, so that nothing started now
   * is forgotten.
   *
   * @return the backends those starts brought
   */
  List<ProvidedBackend> close(Duration bound) {
    closed = true;
    List<ProvidedBackend> started = new ArrayList<>();
    for (CompletableFuture<ProvidedBackend> start : underWay) {
      try {
        started.add(start.get(bound.toMillis(), TimeUnit.MILLISECONDS));
      } catch (Exception e) {
        log.debug("a start of {} did not finish at close: {}", service, e.toString());
      }
    }
    underWay.clear();
    handedOver.clear();
    return started;
  }
}
