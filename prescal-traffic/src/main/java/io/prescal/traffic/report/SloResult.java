package io.prescal.traffic.report;

import io.prescal.traffic.plan.DurationText;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * An objective checked against a run.
 *
 * @param slo the objective as written
 * @param met whether every condition held
 * @param checks each condition with the measured value
 */
public record SloResult(String slo, boolean met, List<Check> checks) {

  /**
   * Checks {@code slo}.
   *
   * @param latency latency from the intended send time, microseconds
   * @param requests requests that ended
   * @param errors of which failed
   * @param rate responses per second
   */
  public static SloResult check(
      Slo slo, Histogram latency, long requests, long errors, double rate) {
    List<Check> checks =
        slo.objectives().stream()
            .map(
                o -> {
                  double actual = actual(o, latency, requests, errors, rate);
                  return new Check(o.text(), show(o, actual), o.holds(actual));
                })
            .toList();
    return new SloResult(slo.text(), checks.stream().allMatch(Check::ok), checks);
  }

  private static double actual(
      Slo.Objective o, Histogram latency, long requests, long errors, double rate) {
    return switch (o.metric()) {
      case "errors" -> o.percent() ? (requests == 0 ? 0 : 100.0 * errors / requests) : errors;
      case "rate" -> rate;
      case "max" -> latency.getTotalCount() == 0 ? 0 : latency.getMaxValue();
      case "mean" -> latency.getTotalCount() == 0 ? 0 : latency.getMean();
      default ->
          latency.getTotalCount() == 0
              ? 0
              : latency.getValueAtPercentile(Double.parseDouble(o.metric().substring(1)));
    };
  }

  private static String show(Slo.Objective o, double actual) {
    return switch (o.metric()) {
      case "errors" ->
          o.percent() ? String.format(Locale.ROOT, "%.2f%%", actual) : Long.toString((long) actual);
      case "rate" -> String.format(Locale.ROOT, "%.1f/s", actual);
      default -> DurationText.format((long) actual);
    };
  }

  /**
   * One condition's outcome.
   *
   * @param condition as written
   * @param actual the measured value, formatted
   * @param ok whether it held
   */
  public record Check(String condition, String actual, boolean ok) {}
}
