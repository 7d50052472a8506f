package io.prescal.proxy.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.util.ArrayList;
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
    List<String> named = namedInConnection(headers);
    if (named != null) {
      named.forEach(headers::remove);
    }
    for (CharSequence name : HEADERS) {
      headers.remove(name);
    }
  }

  /**
   * The names the message's Connection header lists, besides {@code keep-alive} and {@code upgrade}
   * (which name headers of the fixed list), or null when there are none: the usual case, and then
   * no list is made.
   */
  static List<String> namedInConnection(HttpHeaders headers) {
    if (!headers.contains(HttpHeaderNames.CONNECTION)) {
      return null; // HTTP/1.1 clients mostly send none: no list of values made
    }
    List<String> named = null;
    for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
      int start = 0;
      while (start < value.length()) {
        int comma = value.indexOf(',', start);
        int end = comma < 0 ? value.length() : comma;
        String name = value.substring(start, end).trim();
        if (!name.isEmpty()
            && !name.equalsIgnoreCase("keep-alive")
            && !name.equalsIgnoreCase("upgrade")) {
          if (named == null) {
            named = new ArrayList<>(2);
          }
          named.add(name);
        }
        start = end + 1;
      }
    }
    return named;
  }

  /**
   * Whether a request header stays out of the backend's copy: hop-by-hop, named in Connection,
   * Expect (the proxy answers it), or replaced by a line the proxy writes itself.
   *
   * @param replaced the forwarding headers the proxy rewrites ({@code ForwardedHeaders.REPLACES_*})
   * @param via whether the proxy writes a merged Via
   * @param chunked whether the proxy re-frames the body as chunked (Content-Length goes)
   * @param named what {@link #namedInConnection} found, or null
   */
  static boolean leftOut(
      CharSequence name, int replaced, boolean via, boolean chunked, List<String> named) {
    boolean out =
        switch (name.length()) {
          case 2 -> is(name, HttpHeaderNames.TE);
          case 3 -> via && is(name, HttpHeaderNames.VIA);
          case 6 -> is(name, HttpHeaderNames.EXPECT);
          case 7 -> is(name, HttpHeaderNames.TRAILER) || is(name, HttpHeaderNames.UPGRADE);
          case 9 -> (replaced & ForwardedHeaders.REPLACES_FORWARDED) != 0 && is(name, FORWARDED);
          case 10 -> is(name, HttpHeaderNames.CONNECTION) || is(name, HttpHeaderNames.KEEP_ALIVE);
          case 14 -> chunked && is(name, HttpHeaderNames.CONTENT_LENGTH);
          case 15 -> (replaced & ForwardedHeaders.REPLACES_FOR) != 0 && is(name, X_FORWARDED_FOR);
          case 16 ->
              is(name, HttpHeaderNames.PROXY_CONNECTION)
                  || (replaced & ForwardedHeaders.REPLACES_HOST) != 0 && is(name, X_FORWARDED_HOST);
          case 17 ->
              is(name, HttpHeaderNames.TRANSFER_ENCODING)
                  || (replaced & ForwardedHeaders.REPLACES_PROTO) != 0
                      && is(name, X_FORWARDED_PROTO);
          case 18 -> is(name, HttpHeaderNames.PROXY_AUTHENTICATE);
          case 19 -> is(name, HttpHeaderNames.PROXY_AUTHORIZATION);
          default -> false;
        };
    if (!out && named != null) {
      for (String n : named) {
        if (AsciiString.contentEqualsIgnoreCase(name, n)) {
          return true;
        }
      }
    }
    return out;
  }

  private static boolean is(CharSequence name, AsciiString known) {
    return AsciiString.contentEqualsIgnoreCase(name, known);
  }

  private static final AsciiString FORWARDED = AsciiString.cached("forwarded");
  private static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
  private static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
  private static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");

  private HopByHop() {}
}
