package io.prescal.traffic.report;

import io.prescal.traffic.plan.DurationText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A service level objective: comma-separated conditions that must all hold, e.g. {@code "p99<50ms,
 * errors<1%"}. Latencies ({@code p50}, {@code p99.9}, {@code max}, {@code mean}) are from the
 * intended send time; {@code errors} is a percentage with {@code %} or a count without; {@code
 * rate} is responses per second.
 */
public record Slo(String text, List<Objective> objectives) {

  private static final Pattern CONDITION =
      Pattern.compile("(p\\d+(?:\\.\\d+)?|max|mean|errors|rate)\\s*(<=|>=|<|>)\\s*(\\S+)");

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the offending condition and the expected form
   */
  public static Slo parse(String text) {
    List<Objective> objectives = new ArrayList<>();
    for (String part : text.split(",")) {
      String condition = part.trim().toLowerCase(Locale.ROOT);
      if (condition.isEmpty()) {
        continue;
      }
      Matcher m = CONDITION.matcher(condition);
      if (!m.matches()) {
        throw bad(part.trim(), "not a condition");
      }
      objectives.add(objective(part.trim(), m.group(1), m.group(2), m.group(3)));
    }
    if (objectives.isEmpty()) {
      throw bad(text, "no condition");
    }
    return new Slo(text, objectives);
  }

  private static Objective objective(String text, String metric, String op, String value) {
    try {
      if (metric.equals("errors")) {
        boolean percent = value.endsWith("%");
        double v = Double.parseDouble(percent ? value.substring(0, value.length() - 1) : value);
        return new Objective(text, metric, op, v, percent);
      }
      if (metric.equals("rate")) {
        return new Objective(text, metric, op, Double.parseDouble(value.replace("/s", "")), false);
      }
      if (metric.startsWith("p")) {
        double p = Double.parseDouble(metric.substring(1));
        if (p <= 0 || p >= 100) {
          throw bad(text, "percentile " + metric + " out of range");
        }
      }
      return new Objective(text, metric, op, DurationText.parse(value).toNanos() / 1e3, false);
    } catch (NumberFormatException e) {
      throw bad(text, "\"" + value + "\" is not a number");
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith("condition")) {
        throw e;
      }
      throw bad(text, e.getMessage());
    }
  }

  private static IllegalArgumentException bad(String text, String why) {
    return new IllegalArgumentException(
        "condition \""
            + text
            + "\": "
            + why
            + " (expected: e.g. \"p99<50ms, errors<1%\"; metrics pNN, max, mean, errors, rate)");
  }

  /**
   * One condition.
   *
   * @param text as written
   * @param metric pNN, max, mean, errors or rate
   * @param op one of &lt; &lt;= &gt; &gt;=
   * @param threshold microseconds for latencies, percent or count for errors, per second for rate
   * @param percent whether an errors threshold is a percentage
   */
  public record Objective(
      String text, String metric, String op, double threshold, boolean percent) {

    boolean holds(double actual) {
      return switch (op) {
        case "<" -> actual < threshold;
        case "<=" -> actual <= threshold;
        case ">" -> actual > threshold;
        default -> actual >= threshold;
      };
    }
  }
}
