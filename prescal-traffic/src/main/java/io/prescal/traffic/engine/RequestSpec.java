package io.prescal.traffic.engine;

import java.util.List;
import java.util.Locale;

/**
 * What every request carries, whatever its URL.
 *
 * @param method the HTTP method, upper case
 * @param headers extra headers, in order
 * @param body the body (empty for none)
 * @param keepAlive whether connections are reused; off sends {@code Connection: close}
 */
public record RequestSpec(String method, List<Header> headers, byte[] body, boolean keepAlive) {
  public RequestSpec {
    method = method.toUpperCase(Locale.ROOT);
    headers = List.copyOf(headers);
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
      if (colon <= 0 || text.substring(0, colon).isBlank() || text.contains("\n")) {
        throw new IllegalArgumentException(
            "\"" + text + "\" is not a header (expected: \"Name: value\")");
      }
      return new Header(text.substring(0, colon).trim(), text.substring(colon + 1).trim());
    }
  }
}
