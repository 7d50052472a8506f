package io.prescal.proxy.pool;

import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendDraining;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.HealthChanged;
import io.prescal.common.event.HealthState;
import io.prescal.proxy.events.EventSink;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * The live backend set of one service. Readers (balancers, metrics) take {@link #snapshot()}, an
 * immutable list swapped atomically; writers (config, health checks, the autoscaler) change state
 * through the methods here, which serialise on the pool and publish the matching events.
 */
public final class ServicePool {
  private final String name;
  private final EventSink events;
  private final ScheduledExecutorService scheduler;
  private final RetryBudget retryBudget = new RetryBudget();
  private final LongAdder requests = new LongAdder();
  private final LongAdder rejected = new LongAdder();
  private final Map<String, DrainResult> drained = new ConcurrentHashMap<>();
  private final BurstSignal burst = new BurstSignal();
  private final List<Consumer<Backend>> readyListeners = new ArrayList<>();
  private volatile PoolSnapshot snapshot = PoolSnapshot.EMPTY;
  private volatile PoolSettings settings;
  private volatile NoBackendPolicy noBackendPolicy = NoBackendPolicy.REJECT;

  public ServicePool(
      String name, PoolSettings settings, EventSink events, ScheduledExecutorService scheduler) {
    this.name = name;
    this.settings = settings;
    this.events = events;
    this.scheduler = scheduler;
  }

  /** Adds {@code backend} in STARTING state: it gets no traffic until {@link #markReady}. */
  public synchronized void add(Backend backend) {
    if (snapshot.find(backend.id()) != null) {
      throw new IllegalArgumentException(
          "backend: " + backend.id() + " (expected: an id not yet in service " + name + ")");
    }
    backend.setState(BackendState.STARTING);
    List<Backend> all = new ArrayList<>(snapshot.all());
    all.add(backend);
    snapshot = PoolSnapshot.of(all);
    events.publish(
        name,
        new BackendAdded(
            backend.id(),
            backend.addressText(),
            backend.kind(),
            backend.container(),
            backend.image()));
  }

  /** Lets a STARTING backend take traffic (with slow start); false if it is not STARTING. */
  public boolean markReady(String id) {
    Backend backend;
    synchronized (this) {
      backend = snapshot.find(id);
      if (backend == null || backend.state() != BackendState.STARTING) {
        return false;
      }
      setState(backend, BackendState.READY);
    }
    long startup = Math.max(0, System.currentTimeMillis() - backend.startedAt().toEpochMilli());
    events.publish(name, new BackendReady(id, backend.addressText(), startup));
    notifyReady(backend);
    return true;
  }

  /**
   * Stops routing new requests to a backend and waits for those in flight.
   *
   * @return completes when its in-flight count reaches zero or the drain timeout passes
   */
  public CompletableFuture<DrainResult> drain(String id, String reason) {
    Backend backend;
    long start = System.nanoTime();
    CompletableFuture<DrainResult> done = new CompletableFuture<>();
    synchronized (this) {
      backend = snapshot.find(id);
      if (backend == null || backend.state() == BackendState.REMOVED) {
        return CompletableFuture.failedFuture(
            new IllegalArgumentException(
                "backend: " + id + " (expected: a backend of " + name + ")"));
      }
      setState(backend, BackendState.DRAINING);
      backend.onIdle(() -> finishDrain(backend, start, done));
    }
    events.publish(name, new BackendDraining(id, backend.inFlight(), reason));
    if (backend.inFlight() == 0) {
      finishDrain(backend, start, done);
    } else {
      long timeout = settings.drainTimeout().toMillis();
      var timer =
          scheduler.schedule(
              () -> finishDrain(backend, start, done), timeout, TimeUnit.MILLISECONDS);
      done.whenComplete((r, e) -> timer.cancel(false));
    }
    return done;
  }

  private void finishDrain(Backend backend, long start, CompletableFuture<DrainResult> done) {
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    DrainResult result = new DrainResult(backend.id(), millis, backend.inFlight());
    if (done.complete(result)) {
      backend.onIdle(null);
      drained.put(backend.id(), result);
    }
  }

  /** Forgets a backend (after a drain, or at once); false if it is unknown. */
  public boolean remove(String id, String reason) {
    Backend backend;
    synchronized (this) {
      backend = snapshot.find(id);
      if (backend == null) {
        return false;
      }
      backend.setState(BackendState.REMOVED);
      List<Backend> all = new ArrayList<>(snapshot.all());
      all.remove(backend);
      snapshot = PoolSnapshot.of(all);
    }
    DrainResult drain = drained.remove(id);
    long drainMillis = drain == null ? 0 : drain.drainMillis();
    int abandoned = drain == null ? backend.inFlight() : drain.abandoned();
    events.publish(name, new BackendRemoved(id, reason, drainMillis, abandoned));
    return true;
  }

  /** Takes a READY backend out of rotation for failing checks; false if it was not READY. */
  public boolean eject(String id, String check, String reason) {
    synchronized (this) {
      Backend backend = snapshot.find(id);
      if (backend == null || backend.state() != BackendState.READY) {
        return false;
      }
      backend.ejectedBy(check);
      setState(backend, BackendState.EJECTED);
    }
    HealthState to = "active".equals(check) ? HealthState.UNHEALTHY : HealthState.EJECTED;
    events.publish(name, new HealthChanged(id, HealthState.HEALTHY, to, check, reason));
    return true;
  }

  /**
   * Puts a backend that {@code check} ejected back in rotation (with slow start); false if it is
   * not ejected, or was ejected by the other check.
   */
  public boolean restore(String id, String check, String reason) {
    Backend backend;
    synchronized (this) {
      backend = snapshot.find(id);
      if (backend == null || !check.equals(backend.ejectedBy())) {
        return false;
      }
      setState(backend, BackendState.READY);
    }
    HealthState from = "active".equals(check) ? HealthState.UNHEALTHY : HealthState.EJECTED;
    events.publish(name, new HealthChanged(id, from, HealthState.HEALTHY, check, reason));
    notifyReady(backend);
    return true;
  }

  private void setState(Backend backend, BackendState state) {
    backend.setState(state);
    snapshot = PoolSnapshot.of(snapshot.all());
  }

  /** Calls {@code listener} (on the thread making it ready) each time a backend becomes READY. */
  public synchronized void onReady(Consumer<Backend> listener) {
    readyListeners.add(listener);
  }

  private void notifyReady(Backend backend) {
    List<Consumer<Backend>> listeners;
    synchronized (this) {
      listeners = List.copyOf(readyListeners);
    }
    listeners.forEach(l -> l.accept(backend));
  }

  /**
   * Picks a READY backend for a request, skipping {@code excluded} (backends already tried); null
   * when there is none. A pick that finds the backend at the panic level tells the autoscaler
   * ({@link #burstSignal()}).
   */
  public Backend pick(PickContext context, Collection<Backend> excluded) {
    List<Backend> candidates = snapshot.routable();
    if (!excluded.isEmpty()) {
      candidates = candidates.stream().filter(b -> !excluded.contains(b)).toList();
    }
    if (candidates.isEmpty()) {
      return null;
    }
    Backend picked =
        candidates.size() == 1 ? candidates.get(0) : settings.balancer().pick(candidates, context);
    burst.observe(picked.inFlight() + 1);
    return picked;
  }

  /** What tells the service's autoscaler of a burst as it happens. */
  public BurstSignal burstSignal() {
    return burst;
  }

  /** Counts a request routed to this service (the autoscaler samples the total). */
  public void countRequest() {
    requests.increment();
  }

  /** Counts a request the proxy answered 503 itself (no backend, queue full or wait over). */
  public void countRejected() {
    rejected.increment();
  }

  public String name() {
    return name;
  }

  public PoolSnapshot snapshot() {
    return snapshot;
  }

  public PoolSettings settings() {
    return settings;
  }

  /** Applies reloaded settings; backends and their state stay. */
  public void settings(PoolSettings settings) {
    this.settings = settings;
  }

  public NoBackendPolicy noBackendPolicy() {
    return noBackendPolicy;
  }

  /** Replaces what happens to requests that find no ready backend. */
  public void noBackendPolicy(NoBackendPolicy policy) {
    this.noBackendPolicy = policy;
  }

  public RetryBudget retryBudget() {
    return retryBudget;
  }

  /** Requests in flight across all backends of the service. */
  public int inFlight() {
    int sum = 0;
    for (Backend backend : snapshot.all()) {
      sum += backend.inFlight();
    }
    return sum;
  }

  /** Requests routed so far: monotonically increasing. */
  public long requestCount() {
    return requests.sum();
  }

  /** Requests answered 503 by the proxy itself so far: monotonically increasing. */
  public long rejectedCount() {
    return rejected.sum();
  }
}
