package io.prescal.traffic.plan;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads request rates: "2000", "2000/s", "2k/s", "120/m". */
public final class RateText {

  private static final Pattern RATE = Pattern.compile("(\\d+(?:\\.\\d+)?)(k?)(?:/(s|m))?");

  /**
   * Parses {@code text} into requests per second.
   *
   * @throws IllegalArgumentException naming the text and the expected form
   */
  public static double parse(String text) {
    Matcher m = RATE.matcher(text == null ? "" : text.trim().toLowerCase());
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a rate (expected: requests per second, e.g. 2000 or 2000/s)");
    }
    double value = Double.parseDouble(m.group(1)) * (m.group(2).isEmpty() ? 1 : 1000);
    return "m".equals(m.group(3)) ? value / 60 : value;
  }

  private RateText() {}
}
