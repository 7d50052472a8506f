package io.prescal.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.prescal.proxy.upstream.RawResponseHead;

/**
 * The backend-to-client half of an {@link Exchange}: the response head rewritten for the client,
 * then its body (or, after an upgrade, raw tunnel bytes) written on as it arrives. Writes carry no
 * listener (a failed write closes the connection) and go out in one flush per backend read batch.
 */
final class ResponseRelay {
  private final ChannelHandlerContext client;
  private final HttpMethod method;
  private final HttpVersion clientVersion;
  private final AsciiString hsts;
  private int status;
  private boolean started;
  private boolean clientKeepAlive;
  private boolean upstreamReusable;
  private boolean skipUntilLast;
  private boolean unflushed;
  private boolean bodyInHead;
  private long bytes;
  private long coldStartMillis = -1;

  /**
   * @param hsts the listener's {@code Strict-Transport-Security} value, replacing a backend's own,
   *     or null for none
   */
  ResponseRelay(
      ChannelHandlerContext client,
      HttpMethod method,
      HttpVersion clientVersion,
      AsciiString hsts) {
    this.client = client;
    this.method = method;
    this.clientVersion = clientVersion;
    this.hsts = hsts;
  }

  /** The status the client got (or will get), 0 while none is decided. */
  int status() {
    return status;
  }

  void status(int status) {
    this.status = status;
  }

  /** Whether part of the response went to the client (no retry, no error answer any more). */
  boolean started() {
    return started;
  }

  /** Whether the client connection may stay open after this response. */
  boolean clientKeepAlive() {
    return clientKeepAlive;
  }

  /** Whether the backend connection may be reused after this response. */
  boolean upstreamReusable() {
    return upstreamReusable;
  }

  /** Body (or tunnel) bytes relayed to the client. */
  long bytes() {
    return bytes;
  }

  /**
   * Whether {@code msg} is a part of an interim (1xx) or abandoned response being skipped; if so it
   * is released here.
   */
  boolean skipped(Object msg) {
    if (skipUntilLast && msg instanceof HttpContent content) {
      skipUntilLast = !(content instanceof LastHttpContent);
      content.release();
      return true;
    }
    return false;
  }

  /** Skips the parts of the current backend message up to its last one. */
  void skipUntilLast() {
    skipUntilLast = true;
  }

  /**
   * Sends a final response head on to the client, rewritten for it.
   *
   * @param keepAlive whether the client connection may stay open as far as the request goes
   */
  void start(HttpResponse response, boolean keepAlive, ProxySettings settings, String backendId) {
    status = response.status().code();
    started = true;
    upstreamReusable = HttpUtil.isKeepAlive(response);
    clientKeepAlive = MessageHeads.toClient(response, method, clientVersion, keepAlive, settings);
    if (!settings.backendHeader().isEmpty()) {
      response.headers().set(settings.backendHeader(), backendId);
    }
    if (hsts != null) {
      response.headers().set(Listener.STRICT_TRANSPORT_SECURITY, hsts);
    }
    markColdStart(response);
    write(response);
  }

  /** The request waited {@code millis} in the hold queue: every answer to it says so. */
  void coldStart(long millis) {
    coldStartMillis = millis;
  }

  /** Adds {@link MessageHeads#COLD_START} to a head, if the request waited in the hold queue. */
  void markColdStart(HttpResponse response) {
    if (coldStartMillis >= 0) {
      response.headers().set(MessageHeads.COLD_START, Long.toString(coldStartMillis));
    }
  }

  /**
   * Sends a final response head read by the fast path on to the client: its lines copied, the
   * hop-by-hop ones cut, this proxy's own lines added. Releases {@code head}.
   *
   * @param keepAlive whether the client connection may stay open as far as the request goes
   */
  void startRaw(RawResponseHead head, boolean keepAlive, ProxySettings settings, String backendId) {
    status = head.status();
    started = true;
    upstreamReusable = head.keepAlive();
    clientKeepAlive = keepAlive; // the body's length is known: the connection can stay
    bodyInHead = head.bodyInline();
    if (bodyInHead) {
      bytes += head.contentLength();
    }
    ByteBuf copy;
    try {
      copy =
          MessageHeads.toClient(
              head,
              clientVersion,
              keepAlive,
              settings,
              backendId,
              hsts,
              coldStartMillis,
              client.alloc());
    } finally {
      head.release();
    }
    write(new ClientHttpCodec.EncodedHead(copy, bodyInHead));
  }

  /**
   * Sends a body part on to the client.
   *
   * @return whether it was the last one
   */
  boolean content(HttpContent content) {
    if (bodyInHead) {
      // The body went out with the head; what follows is the empty end marker.
      content.release();
      return content instanceof LastHttpContent;
    }
    bytes += content.content().readableBytes();
    write(content);
    return content instanceof LastHttpContent;
  }

  /**
   * Sends the client its copy of the backend's 101 at once: from here on bytes pass as they are.
   */
  void upgraded(HttpResponse switched) {
    status = 101;
    started = true;
    skipUntilLast = true;
    client.writeAndFlush(switched, client.voidPromise());
  }

  /** Tunnel bytes after an upgrade. */
  void tunnel(Object msg) {
    bytes += msg instanceof ByteBuf b ? b.readableBytes() : 0;
    write(msg);
  }

  /** Writes towards the client; the next {@link #flush()} sends it. */
  void write(Object msg) {
    client.write(msg, client.voidPromise());
    unflushed = true;
  }

  /** Flushes what was written since the last flush, if anything. */
  void flush() {
    if (unflushed) {
      unflushed = false;
      client.flush();
    }
  }
}
