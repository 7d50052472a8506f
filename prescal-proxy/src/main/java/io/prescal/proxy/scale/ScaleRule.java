package io.prescal.proxy.scale;

import static io.prescal.proxy.scale.Verdict.number;
import static io.prescal.proxy.scale.Verdict.replicas;
import static io.prescal.proxy.scale.Verdict.seconds;

import io.prescal.common.event.ScaleMode;

/**
 * The autoscaling rule proper (Knative's KPA with HPA's tolerance): stable and panic windows,
 * scale-up and scale-down rates, scale-down delay, min and max, scale to zero. Keeps the state the
 * rule needs across decisions (panic, recent recommendations); the load comes in as averages.
 */
final class ScaleRule {

  /**
   * When a decision happens.
   *
   * @param nowMillis the clock
   * @param seenMillis how long load has been recorded: stable decisions wait for a full window
   * @param idleMillis how long the service has seen no request and nothing in flight
   */
  record Moment(long nowMillis, long seenMillis, long idleMillis) {}

  /**
   * The load of both windows, in replicas' worth, with the figures the reasons quote; {@code
   * observed} is in-flight requests counted at once by the request path (0: none), which counts as
   * the panic window's demand when larger.
   */
  private record Demand(
      AutoscaleSettings s, LoadHistory.Average stable, LoadHistory.Average burst, double observed) {
    double stableNeed() {
      return stable.metric(s.followsRate()) / s.effectiveTarget();
    }

    double burstNeed() {
      return burstLoad() / s.effectiveTarget();
    }

    private double burstLoad() {
      return Math.max(burst.metric(s.followsRate()), observed);
    }

    /** Whether the count seen at once, not the window, is the panic window's demand. */
    boolean seenAtOnce() {
      return observed > burst.metric(s.followsRate());
    }

    String quote(LoadHistory.Average average, long windowMillis) {
      return number(average.metric(s.followsRate()))
          + (s.followsRate() ? " req/s" : " in flight")
          + " over "
          + seconds(windowMillis);
    }
  }

  private final PanicState panic = new PanicState();
  private final ScaleDownDelay delay = new ScaleDownDelay();

  /**
   * One decision.
   *
   * @param observed in-flight requests the request path counted at once in a burst, 0 for none
   */
  Verdict decide(
      AutoscaleSettings s,
      Moment moment,
      int current,
      int ready,
      LoadHistory.Average stable,
      LoadHistory.Average burst,
      double observed) {
    if (s.scaleToZero() && moment.idleMillis() >= s.idleGrace().toMillis()) {
      panic.reset();
      delay.clear();
      String why = "no request and nothing in flight for " + seconds(moment.idleMillis());
      return new Verdict(
          0, ScaleMode.STABLE, current == 0 ? why + ": stay at zero" : why + ": scale to zero");
    }
    var demand = new Demand(s, stable, burst, observed);
    double overCapacity = demand.burstNeed() / Math.max(1, ready);
    boolean panicking =
        panic.update(
            moment.nowMillis(), overCapacity >= s.panicThreshold(), s.stableWindow().toMillis());
    int upLimit = (int) Math.ceil(s.maxScaleUpRate() * Math.max(1, current));
    Verdict verdict =
        (panicking
                ? panicking(demand, current, ready, overCapacity)
                : stable(demand, moment, current))
            .atMost(upLimit, "scale-up rate limited to " + replicas(upLimit));
    if (panicking) {
      int floor = panic.ratchet(Math.max(current, verdict.replicas()));
      verdict =
          verdict.atLeast(
              floor,
              "no scale-down until "
                  + seconds(s.stableWindow().toMillis())
                  + " after the last burst: keep "
                  + replicas(floor));
    } else {
      int downLimit = (int) Math.floor(current / s.maxScaleDownRate());
      verdict = verdict.atLeast(downLimit, "scale-down rate limited to " + replicas(downLimit));
    }
    int delayed =
        delay.apply(moment.nowMillis(), verdict.replicas(), s.scaleDownDelay().toMillis());
    int floor = Math.max(1, s.min());
    Verdict bounded =
        verdict
            .atLeast(
                delayed,
                "scale-down delayed: "
                    + replicas(delayed)
                    + " were needed within the last "
                    + seconds(s.scaleDownDelay().toMillis()))
            .atLeast(floor, "raised to min " + floor)
            .atMost(s.max(), "capped at max " + s.max());
    if (current > 0 || bounded.replicas() == 0) {
      return bounded;
    }
    String why = s.scaleToZero() ? "a request arrived at zero replicas" : "no replica runs";
    return new Verdict(
        bounded.replicas(),
        bounded.mode(),
        why + ": start " + replicas(bounded.replicas()) + " (" + bounded.reason() + ")");
  }

  /** Forgets panic and recent recommendations (an operator resumed autoscaling). */
  void reset() {
    panic.reset();
    delay.clear();
  }

  private static Verdict panicking(Demand d, int current, int ready, double overCapacity) {
    int wanted = Math.max((int) Math.ceil(d.stableNeed()), (int) Math.ceil(d.burstNeed()));
    return new Verdict(
        wanted,
        ScaleMode.PANIC,
        "panic: "
            + (d.seenAtOnce()
                ? number(d.observed()) + " in flight seen at once"
                : d.quote(d.burst(), d.s().panicWindow().toMillis()))
            + " is "
            + number(overCapacity)
            + "x the capacity of "
            + replicas(Math.max(1, ready))
            + " ready");
  }

  private static Verdict stable(Demand d, Moment moment, int current) {
    long window = d.s().stableWindow().toMillis();
    if (moment.seenMillis() < window) {
      // A few samples are no average: a restarted proxy would resize what it adopted on noise.
      return new Verdict(
          current,
          ScaleMode.STABLE,
          "stable window filling ("
              + seconds(moment.seenMillis())
              + " of "
              + seconds(window)
              + " seen): keep "
              + replicas(current));
    }
    double need = d.stableNeed();
    String seen =
        "stable: "
            + d.quote(d.stable(), window)
            + " needs "
            + number(need)
            + " replicas at "
            + number(d.s().effectiveTarget())
            + " each";
    int wanted = (int) Math.ceil(need);
    if (current > 0 && wanted != current && Math.abs(need / current - 1) <= d.s().tolerance()) {
      long percent = Math.round(d.s().tolerance() * 100);
      return new Verdict(
          current, ScaleMode.STABLE, seen + ", within " + percent + "% of " + current);
    }
    return new Verdict(wanted, ScaleMode.STABLE, seen);
  }
}
