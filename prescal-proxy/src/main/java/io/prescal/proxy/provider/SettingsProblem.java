package io.prescal.proxy.provider;

import java.util.ArrayList;
import java.util.List;

/**
 * One problem in a settings record: the key, the value found and what was expected. Settings
 * records list every problem at once, so a user fixes the whole file in one go.
 *
 * @param key the setting's key, relative to its section (e.g. {@code maxScaleUpRate})
 * @param value the offending value as the user wrote it
 * @param expected what would be accepted
 */
public record SettingsProblem(String key, Object value, String expected) {

  /** The problem in one line, e.g. {@code max: 0 (expected: >= 1)}. */
  @Override
  public String toString() {
    return key + ": " + value + " (expected: " + expected + ")";
  }

  /** The same problem under a section, e.g. {@code services.web.autoscale.max}. */
  public SettingsProblem under(String section) {
    return new SettingsProblem(section + "." + key, value, expected);
  }

  /** Collects problems while a settings record checks itself. */
  public static final class Collector {
    private final List<SettingsProblem> problems = new ArrayList<>();

    /** Adds a problem unless {@code ok}. */
    public Collector check(boolean ok, String key, Object value, String expected) {
      if (!ok) {
        problems.add(new SettingsProblem(key, value, expected));
      }
      return this;
    }

    /** Every problem found so far, in the order they were checked. */
    public List<SettingsProblem> problems() {
      return List.copyOf(problems);
    }
  }

  /**
   * Throws {@link IllegalArgumentException} listing every problem, one per line, when there are
   * any.
   */
  public static void throwIfAny(String what, List<SettingsProblem> problems) {
    if (!problems.isEmpty()) {
      StringBuilder message = new StringBuilder("invalid ").append(what).append(':');
      problems.forEach(p -> message.append("\n  ").append(p));
      throw new IllegalArgumentException(message.toString());
    }
  }
}
