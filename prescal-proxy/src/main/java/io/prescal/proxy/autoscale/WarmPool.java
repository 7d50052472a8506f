package io.prescal.proxy.autoscale;

import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendFailed;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.provider.BackendExit;
import io.prescal.proxy.provider.BackendProvider;
import io.prescal.proxy.provider.ProvidedBackend;
import io.prescal.proxy.provider.ReadinessProbe;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's warm pool: backends started ahead of need, probed until ready on connections that are
 * closed before they are frozen ({@code docker pause}, SIGSTOP), after which they hold their memory
 * but use no CPU. A scale-out {@link #take takes} them before it starts anything: a frozen one is
 * thawed and joins the replicas through one readiness probe; one still on its way is handed over as
 * it is, a start already under way. The pool refills in the background, after the replicas' own
 * starts, within what the {@link StartGate} admits (ceiling, waves, host headroom), with the same
 * {@link StartBackoff} as the replicas' starts.
 *
 * <p>Warm backends are not replicas: they are not in the service's pool, get no traffic and count
 * neither as current nor as ready; they count against the ceiling and the host's headroom (they
 * exist and hold memory). Their events carry {@code warm: true}. Runs on the service's scale
 * thread.
 */
final class WarmPool {
  private static final Logger log = LoggerFactory.getLogger(WarmPool.class);

  private enum Phase {
    /** Asked of the provider. */
    STARTING,
    /** Running; its readiness probe under way. */
    PROBING,
    /** Ready; being frozen. */
    FREEZING,
    /** Frozen: ready to thaw. */
    FROZEN
  }

  /** One warm backend on its way. */
  private static final class Warm {
    final CompletableFuture<ProvidedBackend> start;
    final long askedNanos = System.nanoTime();
    ProvidedBackend backend;
    Phase phase = Phase.STARTING;
    CompletableFuture<?> step;

    Warm(CompletableFuture<ProvidedBackend> start) {
      this.start = start;
    }
  }

  private final String service;
  private final BackendProvider provider;
  private final ReadinessProbe probe;
  private final EventSink events;
  private final ScheduledExecutorService executor;
  private final StartGate gate;
  private final StartBackoff backoff;
  private final Supplier<Duration> stopGrace;
  private final Runnable settled;
  private final List<Warm> warm = new ArrayList<>();
  private int stopping;
  private int size;
  private boolean closed;

  /**
   * @param size backends to keep warm
   * @param backoff shared with the replicas' starts: a broken image fails both alike
   * @param stopGrace the service's stop grace, for warm backends it lets go
   * @param settled runs (on the scale thread) when a warm backend is frozen, fails or is gone: room
   *     for the next start
   */
  WarmPool(
      String service,
      int size,
      BackendProvider provider,
      ReadinessProbe probe,
      EventSink events,
      ScheduledExecutorService executor,
      StartGate gate,
      StartBackoff backoff,
      Supplier<Duration> stopGrace,
      Runnable settled) {
    this.service = service;
    this.size = size;
    this.provider = provider;
    this.probe = probe;
    this.events = events;
    this.executor = executor;
    this.gate = gate;
    this.backoff = backoff;
    this.stopGrace = stopGrace;
    this.settled = settled;
  }

  /** Takes a reloaded size: the next {@link #fill} starts or lets go what the difference is. */
  void size(int next) {
    this.size = next;
  }

  /** Warm backends that exist (what the ceiling counts): on their way, frozen, being stopped. */
  int count() {
    return warm.size() + stopping;
  }

  /** Warm starts asked of the provider and not yet answered. */
  int asked() {
    return count(Phase.STARTING);
  }

  /** Warm backends that run but are not frozen yet (being probed or frozen). */
  int starting() {
    return count(Phase.PROBING) + count(Phase.FREEZING);
  }

  private int count(Phase phase) {
    int n = 0;
    for (Warm w : warm) {
      n += w.phase == phase ? 1 : 0;
    }
    return n;
  }

  /**
   * Hands one warm backend over to the replicas, the readiest first: a frozen one is thawed (the
   * future completes once it runs; it has been asked for now, as its readiness then tells); one
   * being probed is handed over running; one being started, as its start. A failure has been
   * published and counted here already.
   *
   * @return the backend to join the replicas, or null when none can be handed over now
   */
  CompletableFuture<ProvidedBackend> take() {
    Warm w = first(Phase.FROZEN);
    if (w == null) {
      w = first(Phase.PROBING);
    }
    if (w == null) {
      w = first(Phase.STARTING);
    }
    if (w == null) {
      return null;
    }
    warm.remove(w);
    Warm taken = w;
    CompletableFuture<ProvidedBackend> handover =
        switch (w.phase) {
          case FROZEN -> {
            Instant thawedAt = Instant.now();
            log.info("{}: thawing warm backend {} for a scale-out", service, w.backend.id());
            yield provider.thaw(w.backend).thenApply(v -> taken.backend.startedAt(thawedAt));
          }
          case PROBING -> {
            w.step.cancel(false);
            yield CompletableFuture.completedFuture(w.backend);
          }
          case STARTING -> w.start;
          case FREEZING -> throw new IllegalStateException("a warm backend being frozen is kept");
        };
    Phase phase = w.phase;
    handover.whenCompleteAsync(
        (backend, error) -> {
          if (error != null) {
            handoverFailed(taken, phase, error);
          }
        },
        executor);
    return handover;
  }

  private void handoverFailed(Warm w, Phase phase, Throwable error) {
    if (phase == Phase.FROZEN) {
      failed(w.backend.id(), "could not thaw warm backend " + w.backend.id() + ": ", error);
      stopQuietly(w.backend);
    } else if (phase == Phase.STARTING) {
      backoff.failed(System.nanoTime());
      failed(service + "-new", "could not start a backend of " + service + ": ", error);
    }
  }

  private Warm first(Phase phase) {
    for (Warm w : warm) {
      if (w.phase == phase) {
        return w;
      }
    }
    return null;
  }

  /**
   * Starts warm backends up to the size as the backoff and the {@link StartGate} allow, and lets go
   * of frozen ones above it.
   *
   * @param existing backends that exist now: replicas (asked for, starting, ready, being retired)
   *     and warm ones
   * @param asked starts asked of the provider and not yet answered, replicas' and warm ones
   * @param starting backends that run but are not ready yet (or not yet frozen), of both
   */
  void fill(int existing, int asked, int starting) {
    if (closed) {
      return;
    }
    trim();
    int missing = size - warm.size();
    if (missing <= 0 || !backoff.allows(System.nanoTime())) {
      return;
    }
    // While starts fail, one at a time, as for the replicas.
    int wanted = backoff.failures() > 0 ? (asked + starting == 0 ? 1 : 0) : missing;
    int count = wanted > 0 ? gate.admit(wanted, existing, asked, starting) : 0;
    for (int i = 0; i < count; i++) {
      Warm w = new Warm(provider.startWarm());
      warm.add(w);
      w.start.whenCompleteAsync((backend, error) -> started(w, backend, error), executor);
    }
  }

  /** Lets go of frozen backends above the size (a reload made it smaller). */
  private void trim() {
    while (warm.size() > size) {
      Warm extra = first(Phase.FROZEN);
      if (extra == null) {
        return; // those on their way are let go when ready
      }
      warm.remove(extra);
      letGo(extra.backend, "the warm pool shrank to " + size);
    }
  }

  private void started(Warm w, ProvidedBackend backend, Throwable error) {
    if (!warm.contains(w) || closed) {
      return; // handed over to the replicas, or close() took it
    }
    if (error != null) {
      warm.remove(w);
      backoff.failed(System.nanoTime());
      failed(service + "-new", "could not start a warm backend of " + service + ": ", error);
      settled.run();
      return;
    }
    w.backend = backend;
    w.phase = Phase.PROBING;
    events.publish(
        service,
        new BackendAdded(
            backend.id(),
            backend.addressText(),
            backend.kind(),
            backend.container(),
            backend.image(),
            true));
    w.step = probe.awaitReadyDisconnected(backend);
    w.step.whenCompleteAsync((took, failure) -> probed(w, failure), executor);
  }

  private void probed(Warm w, Throwable error) {
    if (!warm.contains(w) || w.step.isCancelled()) {
      return; // handed over, gone or closed
    }
    if (error != null) {
      warm.remove(w);
      backoff.failed(System.nanoTime());
      failed(w.backend.id(), "", error);
      stopQuietly(w.backend);
      settled.run();
      return;
    }
    if (warm.size() > size) {
      warm.remove(w);
      letGo(w.backend, "the warm pool shrank to " + size);
      return;
    }
    // The probe's connections are closed by now: nothing of the proxy's stays open to a backend
    // that cannot answer.
    w.phase = Phase.FREEZING;
    w.step = provider.freeze(w.backend);
    w.step.whenCompleteAsync((done, failure) -> frozen(w, failure), executor);
  }

  private void frozen(Warm w, Throwable error) {
    if (!warm.contains(w)) {
      return; // closed meanwhile
    }
    if (error != null) {
      warm.remove(w);
      backoff.failed(System.nanoTime());
      failed(w.backend.id(), "could not freeze warm backend " + w.backend.id() + ": ", error);
      stopQuietly(w.backend);
      settled.run();
      return;
    }
    w.phase = Phase.FROZEN;
    backoff.succeeded();
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - w.askedNanos);
    events.publish(
        service, new BackendReady(w.backend.id(), w.backend.addressText(), millis, true));
    log.info("{}: warm backend {} ready after {} ms and frozen", service, w.backend.id(), millis);
    settled.run();
  }

  /**
   * Takes over frozen backends a previous proxy left (Docker: paused containers); completes on the
   * scale thread with how many.
   */
  CompletableFuture<Integer> adopt() {
    return provider
        .adoptFrozen()
        .thenApplyAsync(
            found -> {
              for (ProvidedBackend backend : found) {
                Warm w = new Warm(CompletableFuture.completedFuture(backend));
                w.backend = backend;
                w.phase = Phase.FROZEN;
                warm.add(w);
                events.publish(
                    service,
                    new BackendAdded(
                        backend.id(),
                        backend.addressText(),
                        backend.kind(),
                        backend.container(),
                        backend.image(),
                        true));
                events.publish(
                    service, new BackendReady(backend.id(), backend.addressText(), 0, true));
              }
              return found.size();
            },
            executor);
  }

  /**
   * A backend stopped without being asked to: if it was warm, it is published, dropped, and
   * replaced by the next {@link #fill}.
   *
   * @return whether it was one of the warm pool's
   */
  boolean exited(BackendExit exit) {
    for (Warm w : warm) {
      if (w.backend != null && w.backend.id().equals(exit.backend().id())) {
        warm.remove(w);
        if (w.step != null) {
          w.step.cancel(false);
        }
        events.publish(
            service,
            new BackendFailed(
                w.backend.id(), exit.reason(), exit.exitCode(), exit.oomKilled(), true));
        settled.run();
        return true;
      }
    }
    return false;
  }

  /** What {@code /status} shows. */
  WarmPoolStatus status() {
    List<WarmPoolStatus.Backend> backends = new ArrayList<>();
    for (Warm w : warm) {
      backends.add(
          new WarmPoolStatus.Backend(
              w.backend == null ? null : w.backend.id(),
              w.backend == null ? null : w.backend.addressText(),
              w.phase == Phase.FROZEN ? "frozen" : "starting"));
    }
    return new WarmPoolStatus(size, backends);
  }

  /** Stops a warm backend on purpose: thawed first, so it ends as gracefully as a replica. */
  private void letGo(ProvidedBackend backend, String reason) {
    stopping++;
    thawThenStop(backend)
        .whenCompleteAsync(
            (done, error) -> {
              stopping--;
              if (error != null) {
                log.warn("could not stop warm backend {}: {}", backend.id(), FailureText.of(error));
              }
              events.publish(service, new BackendRemoved(backend.id(), reason, 0, 0, true));
              settled.run();
            },
            executor);
  }

  /** Stops a warm backend that failed (already published). */
  private void stopQuietly(ProvidedBackend backend) {
    stopping++;
    thawThenStop(backend)
        .whenCompleteAsync(
            (done, error) -> {
              stopping--;
              settled.run();
            },
            executor);
  }

  private CompletableFuture<Void> thawThenStop(ProvidedBackend backend) {
    // A frozen process would take SIGTERM only once thawed: without it the grace runs out.
    return provider
        .thaw(backend)
        .handle((done, error) -> null)
        .thenCompose(v -> provider.stop(backend, stopGrace.get()));
  }

  private void failed(String id, String prefix, Throwable error) {
    String reason = prefix + FailureText.of(error);
    log.warn("{}: warm pool: {}", service, reason);
    events.publish(service, new BackendFailed(id, reason, null, false, true));
  }

  /**
   * Stops reacting; waits (up to {@code bound}) for warm starts under way.
   *
   * @param thaw whether to thaw frozen backends first (they are about to be stopped, or cannot be
   *     adopted as frozen by the next proxy)
   * @return every warm backend, thawed or left frozen as asked
   */
  List<ProvidedBackend> close(Duration bound, boolean thaw) {
    closed = true;
    long deadline = System.nanoTime() + bound.toNanos();
    List<ProvidedBackend> all = new ArrayList<>();
    for (Warm w : warm) {
      ProvidedBackend backend = w.backend;
      try {
        if (backend == null) {
          backend = w.start.get(remaining(deadline), TimeUnit.NANOSECONDS);
        } else if (w.phase == Phase.PROBING) {
          w.step.cancel(false);
        } else if (thaw) {
          if (w.phase == Phase.FREEZING) {
            w.step.get(remaining(deadline), TimeUnit.NANOSECONDS);
          }
          provider.thaw(backend).get(remaining(deadline), TimeUnit.NANOSECONDS);
        }
      } catch (Exception e) {
        log.debug("{}: warm backend at close: {}", service, FailureText.of(e));
      }
      if (backend != null) {
        all.add(backend);
      }
    }
    warm.clear();
    if (!all.isEmpty()) {
      log.info("{}: {} warm backend(s) at close{}", service, all.size(), thaw ? ", thawed" : "");
    }
    return all;
  }

  private static long remaining(long deadline) {
    return Math.max(1, deadline - System.nanoTime());
  }
}
