package io.prescal.traffic.engine;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What every request carries, whatever its URL.
 *
 * @param method the HTTP method, upper case
 * @param headers extra headers, in order
 * @param body the body (empty for none)
 * @param keepAlive whether connections are reused; off sends {@code Connection: close}
 */
public record RequestSpec(String method, List<Header> headers, byte[] body, boolean keepAlive) {

  /** RFC 9110's token: what a header name (and, here, a method) may be made of. */
  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  public RequestSpec {
    method = method.toUpperCase(Locale.ROOT);
    headers = List.copyOf(headers);
  }

  /**
   * Checks a method as {@code -m} and the targets file give it: letters only, as every method in
   * use is (GET, POST, PROPFIND, ...); anything else would break the request line.
   *
   * @return {@code text} in upper case
   * @throws IllegalArgumentException naming the text and an example
   */
  public static String method(String text) {
    if (text == null || !text.matches("[A-Za-z]+")) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not an HTTP method (expected: letters, e.g. GET, POST)");
    }
    return text.toUpperCase(Locale.ROOT);
  }

  /** A plain GET with keep-alive. */
  public static RequestSpec get() {
    return new RequestSpec("GET", List.of(), new byte[0], true);
  }

  /** Whether a header named {@code name} (any case) is among {@link #headers}. */
  public boolean hasHeader(String name) {
    return headers.stream().anyMatch(h -> h.name().equalsIgnoreCase(name));
  }

  /**
   * One request header.
   *
   * @param name its name
   * @param value its value
   */
  public record Header(String name, String value) {

    /**
     * Reads "Name: value".
     *
     * @throws IllegalArgumentException naming the text and the expected form
     */
    public static Header parse(String text) {
      int colon = text.indexOf(':');
      String name = colon <= 0 ? "" : text.substring(0, colon).trim();
      if (!TOKEN.matcher(name).matches() || !printable(text)) {
        throw new IllegalArgumentException(
            "\""
                + text
                + "\" is not a header (expected: \"Name: value\", the name without spaces, no"
                + " control characters)");
      }
      return new Header(name, text.substring(colon + 1).trim());
    }

    /** No CR, LF or other control character: each would let a value end the header early. */
    private static boolean printable(String text) {
      return text.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c != 0x7f));
    }
  }
}
