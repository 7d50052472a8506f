package io.prescal.traffic.report;

/**
 * Escaping for the HTML report. Every string that came from outside the generator (URLs, event
 * summaries and services from Redis, backend names from response headers, the objective's text)
 * goes through {@link #text} before it reaches the page, in element text and attribute values
 * alike.
 */
final class Html {

  private Html() {}

  /**
   * {@code s} safe in element text and in a double- or single-quoted attribute value. Control
   * characters other than tab and newline become U+FFFD: XML (the report is also well-formed XML)
   * has no way to carry them.
   */
  static String text(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> {
          if ((c < 0x20 && c != '\t' && c != '\n') || c == 0xFFFE || c == 0xFFFF) {
            out.append('\uFFFD');
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.toString();
  }
}
