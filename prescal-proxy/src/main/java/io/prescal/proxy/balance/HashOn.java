package io.prescal.proxy.balance;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.cookie.Cookie;
import io.netty.handler.codec.http.cookie.ServerCookieDecoder;
import io.prescal.proxy.pool.PickContext;
import java.nio.charset.StandardCharsets;

/**
 * What consistent hashing hashes: a request header, a cookie or the client's address.
 *
 * @param source where the key comes from
 * @param name the header or cookie name (unused for the client address)
 */
public record HashOn(Source source, String name) {

  /** Where the key comes from. */
  public enum Source {
    HEADER,
    COOKIE,
    CLIENT
  }

  /** The key bytes for a request, or null when the request has none (no such header). */
  byte[] key(PickContext context) {
    return switch (source) {
      case HEADER -> bytes(context.headers().get(name));
      case COOKIE -> bytes(cookie(context));
      case CLIENT -> context.client() == null ? null : context.client().getAddress();
    };
  }

  private String cookie(PickContext context) {
    for (String header : context.headers().getAll(HttpHeaderNames.COOKIE)) {
      for (Cookie cookie : ServerCookieDecoder.LAX.decodeAll(header)) {
        if (cookie.name().equals(name)) {
          return cookie.value();
        }
      }
    }
    return null;
  }

  private static byte[] bytes(String value) {
    return value == null ? null : value.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return source == Source.CLIENT ? "client" : source.name().toLowerCase() + ":" + name;
  }
}
