package io.prescal.proxy.scale;

import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.Command;
import io.prescal.common.event.DrainCommand;
import io.prescal.common.event.LimitsCommand;
import io.prescal.common.event.PauseCommand;
import io.prescal.common.event.ResumeCommand;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScaleInputs;
import io.prescal.common.event.ScaleMode;
import io.prescal.common.scaling.ReplicaLimits;
import io.prescal.common.scaling.ReplicaRule;
import io.prescal.proxy.events.CommandHandler.CommandRefusedException;
import java.time.InstantSource;

/**
 * Decides how many replicas one service should have, Knative-style, and says why. A pure,
 * clock-driven component: no threads, no I/O. The scale loop feeds it one load sample per tick
 * ({@link #record}) and asks for a {@link #decide decision}; operator commands arrive through
 * {@link #pause}, {@link #fix}, {@link #resume} and {@link #limits}. Not thread-safe: the scale
 * loop owns it.
 */
public final class Autoscaler {

  private final InstantSource clock;
  private LoadHistory history;
  private final ScaleRule rule = new ScaleRule();
  private AutoscaleSettings settings;
  private OperatorOverride override = OperatorOverride.NONE;
  private long firstSampleMillis = -1;
  private long lastSampleMillis = -1;
  private long lastActivityMillis;
  private double observed;
  private ScaleDecision last;

  /**
   * An autoscaler whose service counts as active from now: it may go to zero only after a grace
   * without traffic.
   *
   * @throws IllegalArgumentException listing every problem when the settings are invalid
   */
  public Autoscaler(AutoscaleSettings settings, InstantSource clock) {
    this.settings = settings.validated();
    this.clock = clock;
    this.history = new LoadHistory(settings.stableWindow().toMillis());
    this.lastActivityMillis = clock.millis();
  }

  /**
   * Records the load since the previous sample (the first covers one tick).
   *
   * @param concurrency average in-flight requests of the whole service over the interval, requests
   *     held while no backend is ready included
   * @param requests requests that arrived in the interval
   */
  public void record(double concurrency, long requests) {
    long now = clock.millis();
    long start =
        lastSampleMillis < 0
            ? now - settings.tick().toMillis()
            : Math.max(lastSampleMillis, now - settings.stableWindow().toMillis());
    history.add(start, now, concurrency, requests);
    if (firstSampleMillis < 0) {
      firstSampleMillis = start;
    }
    lastSampleMillis = now;
    if (concurrency > 0 || requests > 0) {
      lastActivityMillis = now;
    }
  }

  /**
   * A request is held because no backend is ready: the next decision asks for a replica at once
   * instead of waiting for the next sample.
   */
  public void requestArrived() {
    lastActivityMillis = clock.millis();
  }

  /**
   * The request path saw a burst: {@code concurrency} requests in flight (held ones included)
   * counted now. The next decision takes it as the panic window's demand when it is larger than the
   * window's average, so a burst over the panic threshold panics at once instead of once the
   * window's average has caught up. Only the next decision sees it (the window then does). Ignored
   * for services that follow the request rate.
   */
  public void observeBurst(double concurrency) {
    if (concurrency > 0) {
      observed = Math.max(observed, concurrency);
      lastActivityMillis = clock.millis();
    }
  }

  /**
   * Decides the replica count from the load recorded so far.
   *
   * @param current replicas that exist, starting or ready (draining ones excluded)
   * @param ready replicas ready for traffic
   */
  public ScaleDecision decide(int current, int ready) {
    long now = clock.millis();
    var stable = history.average(now, settings.stableWindow().toMillis());
    var burst = history.average(now, settings.panicWindow().toMillis());
    double seen = settings.followsRate() ? 0 : observed;
    observed = 0;
    Verdict verdict =
        switch (override) {
          case OperatorOverride.Fixed fixed ->
              new Verdict(fixed.replicas(), ScaleMode.FIXED, "fixed by an operator")
                  .atMost(settings.max(), "capped at max " + settings.max());
          case OperatorOverride.Paused paused -> paused(paused, current);
          case OperatorOverride.None none ->
              rule.decide(
                  settings,
                  new ScaleRule.Moment(
                      now,
                      firstSampleMillis < 0 ? 0 : now - firstSampleMillis,
                      now - lastActivityMillis),
                  current,
                  ready,
                  stable,
                  burst,
                  seen);
        };
    var inputs =
        new ScaleInputs(
            stable.concurrency(),
            burst.concurrency(),
            stable.rate(),
            burst.rate(),
            settings.effectiveTarget(),
            settings.stableWindow().toMillis(),
            settings.panicWindow().toMillis(),
            settings.panicThreshold(),
            settings.min(),
            settings.max(),
            seen > 0 ? seen : null);
    last =
        new ScaleDecision(
            current, ready, verdict.replicas(), verdict.mode(), verdict.reason(), inputs);
    return last;
  }

  /**
   * Stops autoscaling: decisions keep the count the next decision finds until {@link #resume}, so a
   * backend drained meanwhile is replaced; within min and max, which may change while paused.
   */
  public String pause() {
    override = new OperatorOverride.Paused(-1);
    return "autoscaling paused";
  }

  private Verdict paused(OperatorOverride.Paused paused, int current) {
    int pinned = paused.replicas() < 0 ? current : paused.replicas();
    override = new OperatorOverride.Paused(pinned);
    // A service that was at zero stays there only if it may scale to zero.
    int floor = pinned == 0 && settings.scaleToZero() ? 0 : Math.max(1, settings.min());
    return new Verdict(pinned, ScaleMode.PAUSED, "autoscaling paused by an operator")
        .atLeast(floor, "raised to min " + floor)
        .atMost(settings.max(), "capped at max " + settings.max());
  }

  /**
   * Fixes the replica count until {@link #resume}.
   *
   * @param force the operator's explicit consent to go below min (0 included)
   * @throws IllegalArgumentException when {@link ReplicaRule#fix} refuses the count, with its
   *     sentence
   */
  public String fix(int replicas, boolean force) {
    var limits =
        new ReplicaLimits(
            settings.min(), settings.max(), settings.scaleToZero(), settings.bounds());
    ReplicaRule.fix(replicas, force, limits)
        .ifPresent(
            refusal -> {
              throw new IllegalArgumentException(refusal.sentence());
            });
    override = new OperatorOverride.Fixed(replicas);
    return "replicas fixed at "
        + replicas
        + (force && replicas < settings.min() ? ", below min " + settings.min() + " (forced)" : "");
  }

  /** Autoscales again, from a clean slate: no panic, no delayed scale-down. */
  public String resume() {
    override = OperatorOverride.NONE;
    rule.reset();
    return "autoscaling resumed";
  }

  /**
   * Sets min and max.
   *
   * @throws IllegalArgumentException naming the problem when the limits are invalid
   */
  public String limits(int min, int max) {
    var problems = ReplicaRule.limits(min, max, settings.scaleToZero(), settings.bounds());
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(ReplicaRule.sentence(problems));
    }
    settings = settings.withLimits(min, max);
    return "limits set to min " + min + ", max " + max;
  }

  /**
   * Applies an operator command meant for the autoscaler (scale, limits, pause, resume).
   *
   * @return what it did, in one sentence
   * @throws CommandRefusedException naming the problem; nothing changed
   */
  public String apply(Command command) throws CommandRefusedException {
    try {
      return switch (command) {
        case ScaleCommand scale -> fix(scale.replicas(), scale.forced());
        case LimitsCommand limits -> limits(limits.min(), limits.max());
        case PauseCommand pause -> pause();
        case ResumeCommand resume -> resume();
        case DrainCommand drain ->
            throw new CommandRefusedException(
                "drain " + drain.backendId() + " is for the service's pool, not its autoscaler");
      };
    } catch (IllegalArgumentException e) {
      throw new CommandRefusedException(e.getMessage());
    }
  }

  /**
   * Takes reloaded settings. The load recorded so far is kept when the stable window is the same;
   * operator overrides stay.
   *
   * @throws IllegalArgumentException listing every problem when the settings are invalid
   */
  public void reconfigure(AutoscaleSettings next) {
    AutoscaleSettings valid = next.validated();
    if (!valid.stableWindow().equals(settings.stableWindow())) {
      history = new LoadHistory(valid.stableWindow().toMillis());
      firstSampleMillis = -1;
      lastSampleMillis = -1;
    }
    settings = valid;
  }

  /** The settings in force (limits included). */
  public AutoscaleSettings settings() {
    return settings;
  }

  /** The last decision, or null before the first. */
  public ScaleDecision lastDecision() {
    return last;
  }

  /** Mode, limits and last decision, as metrics and state report them. */
  public AutoscalerStatus status() {
    ScaleMode mode =
        switch (override) {
          case OperatorOverride.Fixed f -> ScaleMode.FIXED;
          case OperatorOverride.Paused p -> ScaleMode.PAUSED;
          case OperatorOverride.None n -> last == null ? ScaleMode.STABLE : last.mode();
        };
    return new AutoscalerStatus(
        mode,
        settings.min(),
        settings.max(),
        last == null ? settings.min() : last.desiredReplicas(),
        settings.effectiveTarget(),
        settings.stableWindow().toMillis(),
        settings.panicWindow().toMillis(),
        settings.panicThreshold(),
        settings.scaleToZero(),
        last == null ? "" : last.reason(),
        settings.bounds());
  }
}
