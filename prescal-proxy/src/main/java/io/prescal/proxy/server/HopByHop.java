package io.prescal.proxy.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;

/**
 * Hop-by-hop headers (RFC 9110 section 7.6.1): they describe one connection and must not be
 * forwarded, nor may any header the {@code Connection} header names.
 */
final class HopByHop {
  private static final List<CharSequence> HEADERS =
      List.of(
          HttpHeaderNames.CONNECTION,
          HttpHeaderNames.KEEP_ALIVE,
          HttpHeaderNames.PROXY_CONNECTION,
          HttpHeaderNames.TE,
          HttpHeaderNames.TRAILER,
          HttpHeaderNames.TRANSFER_ENCODING,
          HttpHeaderNames.UPGRADE,
          HttpHeaderNames.PROXY_AUTHENTICATE,
          HttpHeaderNames.PROXY_AUTHORIZATION);

  /** Removes the hop-by-hop headers of {@code headers}, those named in Connection included. */
  static void strip(HttpHeaders headers) {
    if (headers.contains(HttpHeaderNames.CONNECTION)) {
      for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
        removeNamedIn(headers, value);
      }
    }
    for (CharSequence name : HEADERS) {
      headers.remove(name);
    }
  }

  /**
   * Removes the headers a Connection value names ({@code keep-alive, X-Private}). The most common
   * values, {@code keep-alive} and {@code upgrade}, name headers of the fixed list: no lookup.
   */
  private static void removeNamedIn(HttpHeaders headers, String value) {
    int start = 0;
    while (start < value.length()) {
      int comma = value.indexOf(',', start);
      int end = comma < 0 ? value.length() : comma;
      String name = value.substring(start, end).trim();
      if (!name.isEmpty()
          && !name.equalsIgnoreCase("keep-alive")
          && !name.equalsIgnoreCase("upgrade")) {
        headers.remove(name);
      }
      start = end + 1;
    }
  }

  private HopByHop() {}
}
