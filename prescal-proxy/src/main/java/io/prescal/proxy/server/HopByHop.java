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
        for (String token : value.split(",")) {
          String name = token.trim();
          if (!name.isEmpty()) {
            headers.remove(name);
          }
        }
      }
    }
    for (CharSequence name : HEADERS) {
      headers.remove(name);
    }
  }

  private HopByHop() {}
}
