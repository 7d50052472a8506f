package io.prescal.proxy.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The request handler of a plain listener with {@code redirectHttps}: every request is answered
 * {@code 308 Permanent Redirect} to the same host and target on HTTPS (308 keeps the method and
 * body, unlike 301), after the same checks as a proxied request; nothing reaches a backend. Reads
 * on only while its answers are written out (AUTO_READ off); a request with a body, or a client
 * that asks, gets its connection closed after the answer. A connection idle for {@code
 * timeouts.clientIdle} is closed.
 */
final class HttpsRedirect extends ChannelInboundHandlerAdapter {
  private final ProxyContext context;
  private final int port;
  private boolean closing;
  private long lastActivityNanos;
  private ScheduledFuture<?> idleTimer;

  /**
   * @param port the HTTPS port clients are sent to (443 is left out of the URL)
   */
  HttpsRedirect(ProxyContext context, int port) {
    this.context = context;
    this.port = port;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    lastActivityNanos = System.nanoTime();
    scheduleIdle(ctx, context.settings().get().timeouts().clientIdle().toNanos());
    ctx.read();
  }

  private void scheduleIdle(ChannelHandlerContext ctx, long delayNanos) {
    idleTimer =
        ctx.executor()
            .schedule(
                () -> {
                  long idle = context.settings().get().timeouts().clientIdle().toNanos();
                  long left = idle - (System.nanoTime() - lastActivityNanos);
                  if (left <= 0) {
                    ctx.close();
                  } else {
                    scheduleIdle(ctx, left);
                  }
                },
                delayNanos,
                TimeUnit.NANOSECONDS);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    lastActivityNanos = System.nanoTime();
    if (closing || !(msg instanceof HttpRequest request)) {
      ReferenceCountUtil.release(msg); // body parts: their request's answer closes the connection
      return;
    }
    try {
      answer(ctx, request);
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void answer(ChannelHandlerContext ctx, HttpRequest request) {
    if (request.decoderResult().isFailure()) {
      close(ctx, HttpResponseStatus.BAD_REQUEST, "malformed request");
      return;
    }
    RequestChecks.Refusal refusal = RequestChecks.check(request);
    if (refusal != null) {
      close(ctx, refusal.status(), refusal.detail());
      return;
    }
    String host = request.headers().get(HttpHeaderNames.HOST);
    if (host == null || !request.uri().startsWith("/")) {
      close(ctx, HttpResponseStatus.BAD_REQUEST, "a redirect to HTTPS needs a Host and a path");
      return;
    }
    FullHttpResponse redirect =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.PERMANENT_REDIRECT, Unpooled.EMPTY_BUFFER);
    redirect
        .headers()
        .set(HttpHeaderNames.LOCATION, "https://" + withPort(host) + request.uri())
        .set(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO);
    boolean hasBody =
        HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
    if (hasBody || !HttpUtil.isKeepAlive(request)) {
      closing = true;
      redirect.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
      ctx.writeAndFlush(redirect).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ctx.writeAndFlush(redirect);
  }

  /** The Host's name (an IPv6 literal keeps its brackets) with the HTTPS port, 443 left out. */
  private String withPort(String host) {
    int colon = host.lastIndexOf(':');
    String name = colon > host.lastIndexOf(']') ? host.substring(0, colon) : host;
    return port == 443 ? name : name + ":" + port;
  }

  private void close(ChannelHandlerContext ctx, HttpResponseStatus status, String detail) {
    closing = true;
    ctx.writeAndFlush(Responses.error(ctx.alloc(), status, detail, false))
        .addListener(ChannelFutureListener.CLOSE);
  }

  /** Reads the next requests once the answers so far are on their way (bounded memory). */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (!closing && ctx.channel().isWritable()) {
      ctx.read();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    channelReadComplete(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    if (idleTimer != null) {
      idleTimer.cancel(false);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    ctx.close();
  }
}
