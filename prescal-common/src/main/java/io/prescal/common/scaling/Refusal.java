package io.prescal.common.scaling;

/**
 * Why a replica setting is refused: the key, the value given and what would be accepted.
 *
 * @param key the setting, e.g. {@code max} or {@code replicas}
 * @param value the value as given: a number as it is, text in quotes
 * @param expected what would be accepted, and how to get there
 * @param forceable whether an explicit force flag lets it through (a fixed count below {@code min},
 *     0 included); never for a ceiling or a maximum
 */
public record Refusal(String key, String value, String expected, boolean forceable) {

  /** The refusal in one sentence, e.g. {@code max: 0 (expected: >= 1 and >= min=0)}. */
  public String sentence() {
    return key + ": " + value + " (expected: " + expected + ")";
  }

  @Override
  public String toString() {
    return sentence();
  }
}
