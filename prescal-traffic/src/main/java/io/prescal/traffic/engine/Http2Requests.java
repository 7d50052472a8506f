package io.prescal.traffic.engine;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2Headers;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * An origin's requests in HTTP/2 form, built once per worker: the header block of each target
 * (HPACK encodes it again per request, from its dynamic table, so a repeated request costs a few
 * bytes) and its body. Shared by the origin's connections on one event loop: the encoder reads the
 * headers while it writes them and keeps no reference.
 */
final class Http2Requests {

  /** Headers HTTP/2 forbids (RFC 9113 8.2.2); Host becomes :authority. */
  private static final Set<String> CONNECTION_SPECIFIC =
      Set.of(
          "connection", "keep-alive", "proxy-connection", "transfer-encoding", "upgrade", "host");

  private final Http2Headers[] headers;
  private final ByteBuf[] bodies;

  Http2Requests(List<Target> targets) {
    headers = new Http2Headers[targets.size()];
    bodies = new ByteBuf[targets.size()];
    for (int i = 0; i < headers.length; i++) {
      Target t = targets.get(i);
      headers[i] = headersOf(t);
      byte[] body = t.spec().body();
      bodies[i] = body.length == 0 ? null : Unpooled.directBuffer(body.length).writeBytes(body);
    }
  }

  /** The header block of {@code target}, as every request of it is sent. */
  static Http2Headers headersOf(Target target) {
    RequestSpec spec = target.spec();
    Http2Headers h = new DefaultHttp2Headers();
    h.method(spec.method()).scheme(target.tls() ? "https" : "http").path(target.path());
    String authority = target.authority();
    for (RequestSpec.Header header : spec.headers()) {
      String name = header.name().toLowerCase(Locale.ROOT);
      if (name.equals("host")) {
        authority = header.value();
      }
      boolean teTrailers = name.equals("te") && header.value().equalsIgnoreCase("trailers");
      if (!CONNECTION_SPECIFIC.contains(name) && (!name.equals("te") || teTrailers)) {
        h.add(name, header.value());
      }
    }
    h.authority(authority);
    if (!spec.hasHeader("user-agent")) {
      h.add("user-agent", "prescal-traffic");
    }
    boolean bodyMethod =
        switch (spec.method()) {
          case "POST", "PUT", "PATCH" -> true;
          default -> false;
        };
    if ((spec.body().length > 0 || bodyMethod) && !spec.hasHeader("content-length")) {
      h.setInt("content-length", spec.body().length);
    }
    return h;
  }

  Http2Headers headers(int target) {
    return headers[target];
  }

  /** Whether {@code target}'s requests carry a body (a DATA frame after the headers). */
  boolean hasBody(int target) {
    return bodies[target] != null;
  }

  /** A view of {@code target}'s body for one request; the write releases it. */
  ByteBuf body(int target) {
    return bodies[target].retainedDuplicate();
  }

  /** Releases the bodies, once the worker is done. */
  void release() {
    for (ByteBuf b : bodies) {
      if (b != null) {
        b.release();
      }
    }
  }
}
