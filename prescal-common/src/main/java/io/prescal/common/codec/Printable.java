package io.prescal.common.codec;

/**
 * Text from a message made safe for one log line: control characters (CR, LF, tab, ESC, DEL, the C1
 * range), Unicode line and paragraph separators and invisible format characters (bidirectional
 * overrides, zero-width marks) are written as escapes such as {@code \n} or {@code \u001b}, and the
 * text is cut to a length. A log reader can then trust that one line is one entry (no forged
 * entries) and that what is shown is what was there.
 */
public final class Printable {

  private Printable() {}

  /**
   * {@code text} with every character that could break or disguise a log line escaped, cut after
   * {@code maxChars} characters of the original (then followed by {@code "…(N chars)"}, N the full
   * length); {@code "null"} for null.
   */
  public static String of(String text, int maxChars) {
    if (text == null) {
      return "null";
    }
    int end = text.length() <= maxChars ? text.length() : cutAt(text, maxChars);
    StringBuilder out = null;
    for (int i = 0; i < end; ) {
      int cp = text.codePointAt(i);
      int next = i + Character.charCount(cp);
      if (unsafe(cp)) {
        if (out == null) {
          out = new StringBuilder(end + 16).append(text, 0, i);
        }
        escape(cp, out);
      } else if (out != null) {
        out.appendCodePoint(cp);
      }
      i = next;
    }
    String safe = out == null ? text.substring(0, end) : out.toString();
    return end == text.length() ? safe : safe + "…(" + text.length() + " chars)";
  }

  private static int cutAt(String text, int maxChars) {
    int end = Math.max(0, maxChars);
    // Never split a surrogate pair.
    return end > 0 && Character.isHighSurrogate(text.charAt(end - 1)) ? end - 1 : end;
  }

  private static boolean unsafe(int cp) {
    return Character.isISOControl(cp)
        || cp == '\u2028'
        || cp == '\u2029'
        || Character.getType(cp) == Character.FORMAT
        || Character.getType(cp) == Character.SURROGATE;
  }

  private static void escape(int cp, StringBuilder out) {
    switch (cp) {
      case '\n' -> out.append("\\n");
      case '\r' -> out.append("\\r");
      case '\t' -> out.append("\\t");
      default -> out.append(String.format("\\u%04x", cp));
    }
  }
}
