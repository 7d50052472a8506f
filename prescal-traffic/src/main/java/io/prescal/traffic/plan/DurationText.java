package io.prescal.traffic.plan;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations the way users write them: "250ms", "10s", "2m", "1h", "1m30s", "500us". */
public final class DurationText {

  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s|m|h)");

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static Duration parse(String text) {
    String t = text == null ? "" : text.trim().toLowerCase();
    Matcher m = PART.matcher(t);
    long nanos = 0;
    int at = 0;
    while (at < t.length() && m.find(at) && m.start() == at) {
      double value = Double.parseDouble(m.group(1));
      nanos += (long) (value * unitNanos(m.group(2)));
      at = m.end();
    }
    if (t.isEmpty() || at != t.length()) {
      throw new IllegalArgumentException(
          "\""
              + text
              + "\" is not a duration (expected: a number and a unit, e.g. 30s, 250ms, 2m)");
    }
    return Duration.ofNanos(nanos);
  }

  private static double unitNanos(String unit) {
    return switch (unit) {
      case "us" -> 1e3;
      case "ms" -> 1e6;
      case "s" -> 1e9;
      case "m" -> 60e9;
      default -> 3600e9;
    };
  }

  /** A short form for reports: "850us", "12.3ms", "4.20s". */
  public static String format(long micros) {
    if (micros < 1000) {
      return micros + "us";
    }
    if (micros < 1_000_000) {
      return String.format(java.util.Locale.ROOT, "%.2fms", micros / 1e3);
    }
    return String.format(java.util.Locale.ROOT, "%.2fs", micros / 1e6);
  }

  private DurationText() {}
}
