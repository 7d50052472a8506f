package io.prescal.proxy.autoscale;

import io.prescal.common.event.Command;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScalingPaused;
import io.prescal.common.event.ScalingResumed;
import io.prescal.proxy.config.ScalingConfig;
import io.prescal.proxy.config.ServiceConfig;
import io.prescal.proxy.config.ShutdownPolicy;
import io.prescal.proxy.events.CommandHandler.CommandRefusedException;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.provider.BackendExit;
import io.prescal.proxy.provider.ProvidedBackend;
import io.prescal.proxy.provider.ReadinessProbe;
import io.prescal.proxy.scale.Autoscaler;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Autoscales one service on its own thread (never an event loop): every tick it samples the pool's
 * load, asks the {@link Autoscaler} for a decision, publishes {@code scale.decision} when the
 * desired count or the mode changes, and lets {@link Replicas} start or retire backends. A burst
 * the request path sees (a backend at the panic level, see {@link
 * io.prescal.proxy.pool.BurstSignal}) or a request held while nothing is ready prompts a decision
 * at once, between ticks, and that decision carries the time from the moment it was seen. It adopts
 * what the provider already runs first, replaces backends that die, and pauses (with {@code
 * scaling.paused}, once) while the provider cannot act, e.g. the Docker engine is away. Operator
 * commands run on the same thread.
 */
final class ScaleLoop {
  private static final Logger log = LoggerFactory.getLogger(ScaleLoop.class);

  private final String name;
  private final ServicePool pool;
  private final ServiceProvider provider;
  private final EventSink events;
  private final ScheduledExecutorService executor;
  private final ReadinessProbe probe;
  private final Autoscaler autoscaler;
  private final HoldQueue hold;
  private final LoadSampler sampler;
  private final Retirement retirement;
  private final Replicas replicas;
  private final OperatorCommands commands;
  private final StartGate gate;
  private final List<ScheduledFuture<?>> timers = new ArrayList<>();
  private ServiceConfig config;
  private boolean adopted;
  private boolean adopting;
  private boolean unavailable;
  private ScaleDecision published;
  private ScaleDecision latest;
  private boolean seen; // a burst or a held request prompts the next decision
  private long seenNanos; // when it was seen, if seen
  private int desired = -1;
  private volatile ScaleStatus status;

  /**
   * @param scaling the proxy-wide bounds: reserve and load limits of the headroom check (the
   *     ceiling and starts at once come with the service's autoscale settings)
   */
  ScaleLoop(
      ServiceConfig config,
      ScalingConfig scaling,
      ServicePool pool,
      ServiceProvider provider,
      EventSink events,
      Consumer<Backend> onRemoved,
      InstantSource clock) {
    this.name = config.name();
    this.config = config;
    this.pool = pool;
    this.provider = provider;
    this.events = events;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("prescal-scale-" + name).daemon().factory());
    this.probe = new ReadinessProbe(config.readiness());
    this.autoscaler = new Autoscaler(config.autoscale(), clock);
    this.hold = new HoldQueue(pool, config.holdQueue(), events, executor, this::requestArrived);
    this.sampler = new LoadSampler(pool, hold::queueLength);
    this.retirement =
        new Retirement(
            pool,
            provider.provider(),
            config.provider().stopGrace(),
            executor,
            onRemoved,
            this::startMore);
    this.gate =
        new StartGate(name, provider.headroom(), events, config.autoscale().bounds(), scaling);
    this.replicas =
        new Replicas(
            name,
            pool,
            provider.provider(),
            probe,
            events,
            executor,
            retirement,
            onRemoved,
            gate,
            config.warmPoolSize(),
            this::startMore);
    this.commands =
        new OperatorCommands(name, autoscaler, replicas, events, this::onLoop, this::tick);
    report();
  }

  /** Takes over the pool's no-backend policy, adopts, and starts ticking. */
  void start() {
    pool.noBackendPolicy(hold);
    pool.onReady(hold::onReady);
    pool.burstSignal().watch(config.autoscale().burstInFlight(), this::burstSeen);
    provider.provider().onExit(exit -> onLoop(() -> died(exit)));
    onLoop(this::tick);
    schedule(config.autoscale().tick());
  }

  private void schedule(Duration tick) {
    timers.forEach(t -> t.cancel(false));
    timers.clear();
    long tickMillis = tick.toMillis();
    long sampleMillis = Math.clamp(tickMillis / 10, 20, 250);
    timers.add(
        executor.scheduleAtFixedRate(
            this::scheduledTick, tickMillis, tickMillis, TimeUnit.MILLISECONDS));
    timers.add(
        executor.scheduleAtFixedRate(
            sampler::sample, sampleMillis, sampleMillis, TimeUnit.MILLISECONDS));
  }

  /** The regular tick; it lets the next burst prompt a decision again (one between two ticks). */
  private void scheduledTick() {
    pool.burstSignal().rearm();
    tick();
  }

  private void tick() {
    try {
      LoadSampler.Load load = sampler.take();
      autoscaler.record(load.concurrency(), load.requests());
      if (!available()) {
        return;
      }
      if (!adopted) {
        adopt();
        return;
      }
      ScaleDecision decision = autoscaler.decide(replicas.current(), replicas.ready());
      if (seen) {
        long nanos = System.nanoTime() - seenNanos;
        decision = decision.withDecisionLatency(Math.round(nanos / 1_000.0) / 1_000.0);
        seen = false;
      }
      latest = decision;
      if (published == null
          || decision.desiredReplicas() != published.desiredReplicas()
          || decision.mode() != published.mode()) {
        events.publish(name, decision);
        published = decision;
        log.info(
            "{}: {} -> {} replicas: {}{}",
            name,
            decision.currentReplicas(),
            decision.desiredReplicas(),
            decision.reason(),
            decision.decisionLatencyMillis() == null
                ? ""
                : " (decided " + decision.decisionLatencyMillis() + " ms after it was seen)");
      }
      desired = decision.desiredReplicas();
      replicas.reconcile(desired);
    } catch (RuntimeException e) {
      log.error("the scale loop of {} failed a tick", name, e); // the next tick tries again
    } finally {
      report();
    }
  }

  private boolean available() {
    boolean now = provider.provider().available();
    if (!now && !unavailable) {
      unavailable = true;
      events.publish(name, new ScalingPaused(provider.problem()));
    } else if (now && unavailable) {
      unavailable = false;
      events.publish(
          name,
          new ScalingResumed("the " + provider.type() + " provider can start and stop again"));
    }
    return now;
  }

  private void adopt() {
    if (adopting) {
      return;
    }
    adopting = true;
    replicas
        .adopt()
        .whenComplete(
            (count, error) -> {
              adopting = false;
              if (error != null) {
                log.warn(
                    "could not adopt the backends of {}: {}; trying again",
                    name,
                    FailureText.of(error));
              } else {
                adopted = true;
                if (count > 0) {
                  log.info("{}: adopted {} running backend(s)", name, count);
                }
                tick();
              }
            });
  }

  private void died(BackendExit exit) {
    replicas.exited(exit);
    if (desired >= 0 && adopted && provider.provider().available()) {
      replicas.reconcile(desired); // replace it now, not at the next tick
    }
    report();
  }

  /**
   * A start ended, a warm backend settled or a backend is gone: room for the next wave, or under
   * the ceiling. Starts what the last decision wants (and the warm pool) now rather than at the
   * next tick.
   */
  private void startMore() {
    if (desired >= 0 && adopted && provider.provider().available()) {
      replicas.reconcile(desired);
      report();
    }
  }

  /**
   * A request is held while nothing is ready (called on its event loop, with the moment it
   * arrived): decide now, not at the next tick.
   */
  private void requestArrived(long arrivedNanos) {
    onLoop(
        () -> {
          seen(arrivedNanos);
          autoscaler.requestArrived();
          tick();
        });
  }

  /**
   * A backend reached the panic level (called on a request's event loop, at most once between two
   * ticks, with the moment and that backend's count, the request included): count what is in flight
   * now and decide at once. The backend's count bounds the total from below: the request that
   * crossed may not be counted in flight yet.
   */
  private void burstSeen(long seenAt, int onOneBackend) {
    onLoop(
        () -> {
          seen(seenAt);
          autoscaler.observeBurst(
              Math.max(onOneBackend, pool.inFlight()) + (double) hold.queueLength());
          tick();
        });
  }

  private void seen(long nanos) {
    if (!seen || nanos - seenNanos < 0) {
      seenNanos = nanos;
      seen = true;
    }
  }

  /**
   * Applies an operator command on the loop's thread and waits for it.
   *
   * @return what it did
   * @throws CommandRefusedException why nothing was done
   */
  String command(Command command) throws CommandRefusedException {
    return commands.apply(command);
  }

  /** Applies a reloaded configuration of the same service (provider and readiness unchanged). */
  void reconfigure(ServiceConfig next, ScalingConfig scaling) {
    onLoop(
        () -> {
          gate.settings(next.autoscale().bounds(), scaling);
          if (!next.autoscale().equals(config.autoscale())) {
            autoscaler.reconfigure(next.autoscale());
            pool.burstSignal().watch(next.autoscale().burstInFlight(), this::burstSeen);
            if (!next.autoscale().tick().equals(config.autoscale().tick())) {
              schedule(next.autoscale().tick());
            }
          }
          hold.settings(next.holdQueue());
          retirement.stopGrace(next.provider().stopGrace());
          replicas.warmSize(next.warmPoolSize());
          config = next;
          report();
        });
  }

  private void report() {
    WarmPoolStatus warm = replicas.warm();
    status =
        new ScaleStatus(
            provider.type(),
            provider.provider().available(),
            provider.provider().available() ? null : provider.problem(),
            replicas.current(),
            replicas.ready(),
            retirement.count(),
            replicas.failedStarts(),
            gate.shortOf(),
            autoscaler.status().withWarmBackends(warm.shown() ? warm.frozen() : null),
            latest,
            hold.coldStarts(),
            hold.queueLength(),
            warm);
  }

  /**
   * The last tick's view with the hold queue's figures as they are now: a cold start ends the
   * moment a backend is ready, not at the next tick, and the queue moves between ticks.
   */
  ScaleStatus status() {
    return status.withHold(hold.coldStarts(), hold.queueLength());
  }

  /**
   * Stops autoscaling. With {@link ShutdownPolicy#STOP} every backend is stopped (with the grace)
   * and removed, warm ones thawed first; with {@link ShutdownPolicy#LEAVE} they keep running for
   * the next proxy to adopt, warm Docker containers paused (adopted as warm), warm processes thawed
   * (a process cannot be adopted, and a stopped one would never run again).
   */
  void close(ShutdownPolicy policy) {
    hold.close();
    Duration grace = retirement.stopGrace();
    var closing = new CompletableFuture<Void>();
    Runnable close =
        () -> {
          timers.forEach(t -> t.cancel(false));
          List<ProvidedBackend> all = new ArrayList<>(replicas.close(Duration.ofSeconds(30)));
          boolean thaw = policy == ShutdownPolicy.STOP || !"docker".equals(provider.type());
          all.addAll(replicas.closeWarm(Duration.ofSeconds(30), thaw));
          all.addAll(retirement.close());
          if (policy == ShutdownPolicy.STOP) {
            retirement.stopNow(all, grace);
          } else if (!all.isEmpty()) {
            log.info("{}: leaving {} backend(s) running for the next start", name, all.size());
          }
          closing.complete(null);
        };
    try {
      executor.execute(close);
    } catch (RejectedExecutionException closedAlready) {
      closing.complete(null);
    }
    try {
      closing.get(grace.toSeconds() + 60, TimeUnit.SECONDS);
    } catch (Exception e) {
      log.warn("{}: stopping its backends did not finish: {}", name, e.toString());
    }
    executor.shutdownNow();
    probe.close();
    provider.provider().close();
  }

  private void onLoop(Runnable task) {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException closed) {
      log.debug("{}: scale loop closed, a task was dropped", name);
    }
  }
}
