package io.prescal.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/**
 * Answers the proxy writes itself: errors with a one-line text body, and the "starting" page for a
 * browser held while its service starts.
 */
final class Responses {
  /** Seconds a client is asked to wait after a 503. */
  static final String RETRY_AFTER_SECONDS = "1";

  /**
   * An error answer.
   *
   * @param status the status
   * @param detail one sentence for the body
   * @param keepAlive whether the client connection stays open
   */
  static FullHttpResponse error(
      ByteBufAllocator alloc, HttpResponseStatus status, String detail, boolean keepAlive) {
    byte[] text = (status + ": " + detail + "\n").getBytes(StandardCharsets.UTF_8);
    ByteBuf body = alloc.buffer(text.length).writeBytes(text);
    FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN + "; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, text.length);
    if (status.equals(HttpResponseStatus.SERVICE_UNAVAILABLE)) {
      response.headers().set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    return response;
  }

  /**
   * The page a browser gets while its service starts from zero: 503 with Retry-After, never cached,
   * and a refresh after as many seconds, which asks again (and is held again) until a backend is
   * ready.
   *
   * @param service the service's name, escaped here
   * @param keepAlive whether the client connection stays open
   */
  static FullHttpResponse startingPage(ByteBufAllocator alloc, String service, boolean keepAlive) {
    String name = Html.escape(service);
    byte[] html =
        ("<!doctype html>\n<html><head><meta charset=\"utf-8\">"
                + "<meta http-equiv=\"refresh\" content=\""
                + RETRY_AFTER_SECONDS
                + "\"><title>Starting "
                + name
                + "</title></head>\n<body><p>Starting "
                + name
                + "&hellip; this page reloads by itself.</p></body></html>\n")
            .getBytes(StandardCharsets.UTF_8);
    ByteBuf body = alloc.buffer(html.length).writeBytes(html);
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.SERVICE_UNAVAILABLE, body);
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_HTML + "; charset=utf-8")
        .setInt(HttpHeaderNames.CONTENT_LENGTH, html.length)
        .set(HttpHeaderNames.RETRY_AFTER, RETRY_AFTER_SECONDS)
        .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
    if (!keepAlive) {
      response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    }
    return response;
  }

  private Responses() {}
}
