package io.prescal.common.codec;

/**
 * The version of the event contract, "major.minor".
 *
 * <p>The rule for evolving it:
 *
 * <ul>
 *   <li>A <b>minor</b> bump adds: a new event type, or a new optional (nullable, reference-typed)
 *       field. Readers ignore fields they do not know; a field a writer leaves out reads as null.
 *       Fields are never removed or renamed, and never change type or meaning.
 *   <li>A <b>major</b> bump is anything else. Readers skip messages of another major version.
 *   <li>A reader skips and counts messages of a newer minor version than its own (the decoded event
 *       rides along in {@link Decoded.Skipped} for tools that want a best effort), so upgrade
 *       readers (prescal-event, dashboard) before writers (proxies).
 * </ul>
 */
public record SchemaVersion(int major, int minor) implements Comparable<SchemaVersion> {

  /** The version this build writes and reads. */
  public static final SchemaVersion CURRENT = new SchemaVersion(1, 2);

  public SchemaVersion {
    if (major < 0 || minor < 0) {
      throw new IllegalArgumentException(
          "schema: " + major + "." + minor + " (expected: non-negative numbers)");
    }
  }

  /**
   * Reads "major.minor".
   *
   * @throws IllegalArgumentException when {@code text} is not two non-negative integers with a dot
   */
  public static SchemaVersion parse(String text) {
    int dot = text == null ? -1 : text.indexOf('.');
    if (dot <= 0 || dot == text.length() - 1) {
      throw new IllegalArgumentException(
          "schema: " + quote(text) + " (expected: \"major.minor\", e.g. \"1.0\")");
    }
    try {
      return new SchemaVersion(
          Integer.parseInt(text.substring(0, dot)), Integer.parseInt(text.substring(dot + 1)));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "schema: " + quote(text) + " (expected: \"major.minor\", e.g. \"1.0\")", e);
    }
  }

  @Override
  public int compareTo(SchemaVersion o) {
    return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }

  private static String quote(String text) {
    return text == null ? "null" : "\"" + text + "\"";
  }
}
