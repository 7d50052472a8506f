package io.prescal.proxy.scale;

import io.prescal.common.scaling.Refusal;
import io.prescal.common.scaling.ReplicaRule;
import io.prescal.common.scaling.ScalingBounds;
import io.prescal.proxy.provider.SettingsProblem;
import java.time.Duration;
import java.util.List;

/**
 * How one service scales. Every key, its default and its meaning are in docs/autoscaling.md.
 *
 * @param min replicas never go below this while the service has traffic (0 needs scaleToZero)
 * @param max replicas never go above this
 * @param targetInFlight in-flight requests one replica should carry (before utilization)
 * @param targetRate requests per second one replica should carry; when above 0 the autoscaler
 *     follows the request rate instead of the in-flight count
 * @param targetUtilization the share of the target aimed at, in (0, 1]: headroom for bursts
 * @param stableWindow the window whose average drives ordinary decisions
 * @param panicWindow the short window that detects bursts
 * @param panicThreshold panic starts when the panic window demands this many times the ready
 *     capacity
 * @param tolerance in stable mode, no change while the needed replicas are within this ratio of the
 *     current count (hysteresis against flapping)
 * @param scaleDownDelay a scale-down happens only when every recommendation of this last period
 *     asked for fewer replicas
 * @param maxScaleUpRate at most this many times the current replicas in one decision
 * @param maxScaleDownRate at least the current replicas divided by this in one decision
 * @param scaleToZero whether an idle service goes to zero replicas
 * @param idleGrace how long a service must see no request and nothing in flight to go to zero
 * @param tick how often the scale loop samples load and decides
 * @param bounds the proxy-wide bounds of the service's provider (the file's {@code scaling:}):
 *     {@code max} may not pass its ceiling
 */
public record AutoscaleSettings(
    int min,
    int max,
    double targetInFlight,
    double targetRate,
    double targetUtilization,
    Duration stableWindow,
    Duration panicWindow,
    double panicThreshold,
    double tolerance,
    Duration scaleDownDelay,
    double maxScaleUpRate,
    double maxScaleDownRate,
    boolean scaleToZero,
    Duration idleGrace,
    Duration tick,
    ScalingBounds bounds) {

  /**
   * The defaults: Knative's windows and rates, HPA's tolerance, 1 to 10 replicas, under the process
   * provider's default bounds.
   */
  public static AutoscaleSettings defaults() {
    return new AutoscaleSettings(
        1,
        10,
        10,
        0,
        0.7,
        Duration.ofSeconds(60),
        Duration.ofSeconds(6),
        2.0,
        0.1,
        Duration.ofSeconds(30),
        1000,
        2.0,
        false,
        Duration.ofSeconds(60),
        Duration.ofSeconds(2),
        new ScalingBounds(
            "process", ScalingBounds.PROCESS_MAX_REPLICAS, ScalingBounds.MAX_CONCURRENT_STARTS, 0));
  }

  /** Whether decisions follow the request rate (else the in-flight count). */
  public boolean followsRate() {
    return targetRate > 0;
  }

  /** Load one replica should carry, after utilization: in-flight requests or requests/s. */
  public double effectiveTarget() {
    return (followsRate() ? targetRate : targetInFlight) * targetUtilization;
  }

  /**
   * Requests in flight on one backend at which the request path wakes the autoscaler for a decision
   * at once: the panic level, {@code panicThreshold x} the effective target (at least 1). {@link
   * Integer#MAX_VALUE} (never) for a service that follows the request rate, whose bursts the tick
   * sees.
   */
  public int burstInFlight() {
    if (followsRate()) {
      return Integer.MAX_VALUE;
    }
    return (int) Math.clamp(Math.ceil(panicThreshold * effectiveTarget()), 1, Integer.MAX_VALUE);
  }

  /** The same settings with other limits (an operator's {@code command.limits}). */
  public AutoscaleSettings withLimits(int newMin, int newMax) {
    return toBuilder().min(newMin).max(newMax).build();
  }

  /** A builder that starts from the defaults. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder that starts from these settings. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Every problem in these settings; empty when they are usable. */
  public List<SettingsProblem> problems() {
    var check = new SettingsProblem.Collector();
    // min and max: the rule every path shares (config, admin API, commands, dashboard).
    for (Refusal refusal : ReplicaRule.limits(min, max, scaleToZero, bounds)) {
      check.check(
          false, refusal.key(), refusal.key().equals("min") ? min : max, refusal.expected());
    }
    check
        .check(bounds != null, "bounds", null, "the proxy's scaling bounds")
        .check(targetInFlight > 0, "targetInFlight", targetInFlight, "> 0")
        .check(targetRate >= 0, "targetRate", targetRate, ">= 0 (0 follows in-flight requests)")
        .check(
            targetUtilization > 0 && targetUtilization <= 1,
            "targetUtilization",
            targetUtilization,
            "a share in (0, 1], e.g. 0.7")
        .check(positive(tick), "tick", tick, "a duration > 0, e.g. 2s")
        .check(
            positive(panicWindow) && !longer(tick, panicWindow),
            "panicWindow",
            panicWindow,
            "a duration >= tick=" + tick)
        .check(
            positive(stableWindow) && !longer(panicWindow, stableWindow),
            "stableWindow",
            stableWindow,
            "a duration >= panicWindow=" + panicWindow)
        .check(panicThreshold > 1, "panicThreshold", panicThreshold, "> 1, e.g. 2.0")
        .check(tolerance >= 0 && tolerance < 1, "tolerance", tolerance, "in [0, 1), e.g. 0.1")
        .check(
            scaleDownDelay != null && !scaleDownDelay.isNegative(),
            "scaleDownDelay",
            scaleDownDelay,
            "a duration >= 0")
        .check(maxScaleUpRate > 1, "maxScaleUpRate", maxScaleUpRate, "> 1, e.g. 1000")
        .check(maxScaleDownRate > 1, "maxScaleDownRate", maxScaleDownRate, "> 1, e.g. 2.0")
        .check(positive(idleGrace), "idleGrace", idleGrace, "a duration > 0, e.g. 60s");
    return check.problems();
  }

  /** These settings when valid, else an exception that lists every problem. */
  public AutoscaleSettings validated() {
    SettingsProblem.throwIfAny("autoscale settings", problems());
    return this;
  }

  private static boolean positive(Duration d) {
    return d != null && d.isPositive();
  }

  private static boolean longer(Duration a, Duration b) {
    return a != null && b != null && a.compareTo(b) > 0;
  }

  /** Builds settings key by key; {@link #build()} does not validate (call {@link #validated()}). */
  public static final class Builder {
    private int min;
    private int max;
    private double targetInFlight;
    private double targetRate;
    private double targetUtilization;
    private Duration stableWindow;
    private Duration panicWindow;
    private double panicThreshold;
    private double tolerance;
    private Duration scaleDownDelay;
    private double maxScaleUpRate;
    private double maxScaleDownRate;
    private boolean scaleToZero;
    private Duration idleGrace;
    private Duration tick;
    private ScalingBounds bounds;

    private Builder(AutoscaleSettings s) {
      min = s.min;
      max = s.max;
      targetInFlight = s.targetInFlight;
      targetRate = s.targetRate;
      targetUtilization = s.targetUtilization;
      stableWindow = s.stableWindow;
      panicWindow = s.panicWindow;
      panicThreshold = s.panicThreshold;
      tolerance = s.tolerance;
      scaleDownDelay = s.scaleDownDelay;
      maxScaleUpRate = s.maxScaleUpRate;
      maxScaleDownRate = s.maxScaleDownRate;
      scaleToZero = s.scaleToZero;
      idleGrace = s.idleGrace;
      tick = s.tick;
      bounds = s.bounds;
    }

    public Builder min(int v) {
      min = v;
      return this;
    }

    public Builder max(int v) {
      max = v;
      return this;
    }

    public Builder targetInFlight(double v) {
      targetInFlight = v;
      return this;
    }

    public Builder targetRate(double v) {
      targetRate = v;
      return this;
    }

    public Builder targetUtilization(double v) {
      targetUtilization = v;
      return this;
    }

    public Builder stableWindow(Duration v) {
      stableWindow = v;
      return this;
    }

    public Builder panicWindow(Duration v) {
      panicWindow = v;
      return this;
    }

    public Builder panicThreshold(double v) {
      panicThreshold = v;
      return this;
    }

    public Builder tolerance(double v) {
      tolerance = v;
      return this;
    }

    public Builder scaleDownDelay(Duration v) {
      scaleDownDelay = v;
      return this;
    }

    public Builder maxScaleUpRate(double v) {
      maxScaleUpRate = v;
      return this;
    }

    public Builder maxScaleDownRate(double v) {
      maxScaleDownRate = v;
      return this;
    }

    public Builder scaleToZero(boolean v) {
      scaleToZero = v;
      return this;
    }

    public Builder idleGrace(Duration v) {
      idleGrace = v;
      return this;
    }

    public Builder tick(Duration v) {
      tick = v;
      return this;
    }

    public Builder bounds(ScalingBounds v) {
      bounds = v;
      return this;
    }

    public AutoscaleSettings build() {
      return new AutoscaleSettings(
          min,
          max,
          targetInFlight,
          targetRate,
          targetUtilization,
          stableWindow,
          panicWindow,
          panicThreshold,
          tolerance,
          scaleDownDelay,
          maxScaleUpRate,
          maxScaleDownRate,
          scaleToZero,
          idleGrace,
          tick,
          bounds);
    }
  }
}
