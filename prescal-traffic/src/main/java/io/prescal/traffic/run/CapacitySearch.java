package io.prescal.traffic.run;

import io.prescal.traffic.engine.LoadPlan;
import io.prescal.traffic.plan.RateProfile;
import io.prescal.traffic.report.RunResult;
import io.prescal.traffic.report.Slo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Finds the highest constant rate that meets an objective: open-model runs at rising rates (times
 * {@code factor}, or plus {@code step}) until one breaches it, then bisects between the last rate
 * that met it and the first that did not. A run whose generator could not keep up ends the search:
 * beyond it nothing the generator says is true.
 */
public final class CapacitySearch {

  private final LoadDriver driver;
  private final Slo slo;
  private final Settings settings;

  /**
   * How to search.
   *
   * @param start first rate
   * @param factor rate multiplier between steps when {@code step} is 0
   * @param step rate added between steps, or 0 to multiply
   * @param max highest rate to try
   * @param refine bisection rounds after the first breach
   * @param stepDuration measured length of each step
   * @param warmup warm-up before each step
   */
  public record Settings(
      double start,
      double factor,
      double step,
      double max,
      int refine,
      Duration stepDuration,
      Duration warmup) {}

  /**
   * One rate tried.
   *
   * @param rate planned rate
   * @param achieved responses per second
   * @param p99Micros 99th percentile latency from the intended send time
   * @param errorRate failed share, 0 to 1
   * @param met whether the objective held
   * @param valid whether the generator kept up
   */
  public record Trial(
      double rate, double achieved, long p99Micros, double errorRate, boolean met, boolean valid) {}

  /**
   * The search's answer.
   *
   * @param slo the objective
   * @param capacity the highest rate that met it, or 0 when none did
   * @param limitedByGenerator whether the search stopped because the generator could not keep up
   * @param trials every rate tried, in order
   */
  public record Result(
      String slo, double capacity, boolean limitedByGenerator, List<Trial> trials) {}

  /**
   * @param driver runs each step
   * @param slo the objective
   * @param settings how to step
   */
  public CapacitySearch(LoadDriver driver, Slo slo, Settings settings) {
    this.driver = driver;
    this.slo = slo;
    this.settings = settings;
  }

  /** Searches from {@code base} (targets, connections, timeouts), reporting each trial. */
  public Result search(LoadPlan base, Consumer<Trial> onTrial)
      throws IOException, InterruptedException {
    List<Trial> trials = new ArrayList<>();
    double good = 0;
    double bad = 0;
    double rate = settings.start();
    while (rate <= settings.max()) {
      Trial t = trial(base, rate, trials, onTrial);
      if (!t.valid()) {
        return new Result(slo.text(), good, true, trials);
      }
      if (!t.met()) {
        bad = rate;
        break;
      }
      good = rate;
      rate = settings.step() > 0 ? rate + settings.step() : rate * settings.factor();
    }
    for (int i = 0; i < settings.refine() && bad > 0 && bad - good > 1; i++) {
      double mid = Math.floor((good + bad) / 2);
      Trial t = trial(base, mid, trials, onTrial);
      if (!t.valid()) {
        return new Result(slo.text(), good, true, trials);
      }
      if (t.met()) {
        good = mid;
      } else {
        bad = mid;
      }
    }
    return new Result(slo.text(), good, false, trials);
  }

  private Trial trial(LoadPlan base, double rate, List<Trial> trials, Consumer<Trial> onTrial)
      throws IOException, InterruptedException {
    LoadPlan plan =
        base.withProfile(RateProfile.constant(rate), settings.stepDuration(), settings.warmup());
    RunResult r = driver.run(plan, slo);
    boolean valid = r.schedule() == null || r.schedule().valid();
    Trial t =
        new Trial(
            rate,
            r.rate(),
            r.latency().p99(),
            r.errorRate(),
            r.slo().met() && r.completed() > 0,
            valid);
    trials.add(t);
    onTrial.accept(t);
    return t;
  }
}
