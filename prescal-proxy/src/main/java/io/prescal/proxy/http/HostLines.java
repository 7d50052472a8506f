package io.prescal.proxy.http;

import io.netty.handler.codec.http.HttpVersion;

/**
 * How many Host lines a request may carry (RFC 9112 3.2): exactly one in HTTP/1.1, at most one in
 * HTTP/1.0. Both the proxy's listeners and its admin API judge requests by this one rule.
 */
public enum HostLines {
  /** One line, or none on HTTP/1.0. */
  FINE,
  /** None, on HTTP/1.1. */
  MISSING,
  /** More than one. */
  SEVERAL;

  /** The verdict on a request of {@code version} with {@code lines} Host lines. */
  public static HostLines judge(HttpVersion version, int lines) {
    if (lines > 1) {
      return SEVERAL;
    }
    return lines == 0 && !version.equals(HttpVersion.HTTP_1_0) ? MISSING : FINE;
  }
}
