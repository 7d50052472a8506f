package io.prescal.traffic.engine;

import io.prescal.traffic.net.ClientTls;

/**
 * How requests travel: HTTP/1.1 or HTTP/2, and TLS for {@code https://} targets. Chosen once per
 * run; each connection's pipeline follows from it and its target's scheme.
 *
 * @param http2 HTTP/2: h2 over TLS (ALPN) for https targets, h2c with prior knowledge for http ones
 * @param streams HTTP/2: the most requests in flight on one connection (concurrent streams); 1 for
 *     HTTP/1.1
 * @param tls the client TLS for https targets, or null when there is none
 */
public record Wire(boolean http2, int streams, ClientTls tls) {

  /** The most concurrent streams a connection may be given. */
  public static final int MAX_STREAMS = 1000;

  public Wire {
    if (streams < 1 || streams > MAX_STREAMS) {
      throw new IllegalArgumentException(
          "--streams: " + streams + " (expected: 1 to " + MAX_STREAMS + ")");
    }
    if (!http2 && streams > 1) {
      throw new IllegalArgumentException(
          "--streams: "
              + streams
              + " needs --http2 (HTTP/1.1 has one request in flight per connection)");
    }
  }

  /** Plain HTTP/1.1, no TLS. */
  public static Wire http1() {
    return new Wire(false, 1, null);
  }

  /** What a report calls the protocol of {@code target}: "http/1.1", "h2" or "h2c". */
  public String protocolOf(Target target) {
    if (!http2) {
      return "http/1.1";
    }
    return target.tls() ? "h2" : "h2c";
  }
}
