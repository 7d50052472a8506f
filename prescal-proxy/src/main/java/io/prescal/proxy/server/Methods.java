package io.prescal.proxy.server;

import io.netty.handler.codec.http.HttpMethod;

/** Properties of request methods (RFC 9110 section 9.2). */
final class Methods {

  /** Whether repeating the request has the same effect as sending it once. */
  static boolean idempotent(HttpMethod method) {
    return method.equals(HttpMethod.GET)
        || method.equals(HttpMethod.HEAD)
        || method.equals(HttpMethod.OPTIONS)
        || method.equals(HttpMethod.TRACE)
        || method.equals(HttpMethod.PUT)
        || method.equals(HttpMethod.DELETE);
  }

  private Methods() {}
}
