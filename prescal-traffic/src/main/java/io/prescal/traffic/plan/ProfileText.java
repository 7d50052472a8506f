package io.prescal.traffic.plan;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a profile from text: stages separated by commas, each one of
 *
 * <ul>
 *   <li>{@code hold 2000/s 120s}: a constant rate;
 *   <li>{@code ramp 0-2000/s 60s}: a linear change;
 *   <li>{@code spike 5000/s 10s}: a sudden jump for a short time;
 *   <li>{@code step 1000-4000/s by 1000 every 30s}: a staircase, each stair held {@code every}.
 * </ul>
 */
public final class ProfileText {

  private static final String FORMS =
      "\"hold 2000/s 60s\", \"ramp 0-2000/s 60s\", \"spike 5000/s 10s\" or"
          + " \"step 1000-4000/s by 1000 every 30s\"";

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException naming the offending stage and the expected forms
   */
  public static RateProfile parse(String text) {
    List<Stage> stages = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        stages.addAll(stage(part.trim()));
      }
    }
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("\"" + text + "\" has no stage (expected: " + FORMS + ")");
    }
    return new RateProfile(stages);
  }

  static List<Stage> stage(String text) {
    String[] w = text.split("\\s+");
    try {
      return switch (w[0].toLowerCase()) {
        case "hold" -> one(w, 3, "hold");
        case "spike" -> one(w, 3, "spike");
        case "ramp" -> ramp(w);
        case "step" -> steps(w);
        default -> throw bad(text, "unknown stage \"" + w[0] + "\"");
      };
    } catch (IllegalArgumentException e) {
      if (e.getMessage().startsWith("stage ")) {
        throw e;
      }
      throw bad(text, e.getMessage());
    }
  }

  private static List<Stage> one(String[] w, int words, String kind) {
    expect(w, words);
    double rate = RateText.parse(w[1]);
    return List.of(new Stage(kind, rate, rate, DurationText.parse(w[2])));
  }

  private static List<Stage> ramp(String[] w) {
    expect(w, 3);
    double[] range = range(w[1]);
    return List.of(new Stage("ramp", range[0], range[1], DurationText.parse(w[2])));
  }

  private static List<Stage> steps(String[] w) {
    expect(w, 6);
    if (!w[2].equalsIgnoreCase("by") || !w[4].equalsIgnoreCase("every")) {
      throw new IllegalArgumentException("expected \"by\" and \"every\"");
    }
    double[] range = range(w[1]);
    double by = RateText.parse(w[3]);
    Duration every = DurationText.parse(w[5]);
    if (by <= 0) {
      throw new IllegalArgumentException("step size " + w[3] + " (expected: > 0)");
    }
    List<Stage> stairs = new ArrayList<>();
    double sign = Math.signum(range[1] - range[0]);
    for (double r = range[0]; sign >= 0 ? r <= range[1] + 1e-9 : r >= range[1] - 1e-9; ) {
      stairs.add(new Stage("step", r, r, every));
      if (sign == 0) {
        break;
      }
      r += sign * by;
    }
    return stairs;
  }

  private static double[] range(String text) {
    String[] parts = text.split("-", 2);
    if (parts.length != 2) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a range (expected: e.g. 0-2000/s)");
    }
    String unit = parts[1].contains("/") ? parts[1].substring(parts[1].indexOf('/')) : "";
    return new double[] {RateText.parse(parts[0] + unit), RateText.parse(parts[1])};
  }

  private static void expect(String[] w, int words) {
    if (w.length != words) {
      throw new IllegalArgumentException("expected " + words + " words, got " + w.length);
    }
  }

  private static IllegalArgumentException bad(String stage, String why) {
    return new IllegalArgumentException(
        "stage \"" + stage + "\": " + why + " (expected: " + FORMS + ")");
  }

  private ProfileText() {}
}
