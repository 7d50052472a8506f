package io.prescal.proxy.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslCompletionEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import io.prescal.proxy.pool.ServicePool;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a client connection's requests one at a time (AUTO_READ off) and hands each to an {@link
 * Exchange}. Messages that arrive while an exchange runs (pipelined requests) wait in order; the
 * connection is not read again until they are handled, so memory stays bounded. Also keeps the
 * connection's three timers: idle (nothing moving either way), the request head's deadline (from
 * its first byte; HAProxy's {@code timeout http-request}) and the backend's response header.
 */
public final class ClientRequestHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(ClientRequestHandler.class);
  private final ProxyContext context;
  private final ClientHttpCodec codec;
  private final Listener listener;
  private final ListenerStats stats;
  private final ArrayDeque<Object> waiting = new ArrayDeque<>();
  private ChannelHandlerContext ctx;
  private Exchange exchange;
  private boolean closing;
  private boolean skippingBody;
  private ForwardedHeaders forwarding;
  private final Runnable responseCheck = this::checkResponseTimer;
  private final Runnable idleCheck = this::checkIdle;
  private final Runnable headCheck = this::checkHead;
  private ScheduledFuture<?> responseTimer;
  private ScheduledFuture<?> idleTimer;
  private ScheduledFuture<?> headTimer;
  private long idleNanos;
  private long headNanos;
  private long lastActivityNanos;

  /**
   * @param codec the connection's codec, which tells when a request head starts arriving
   * @param listener the listener that accepted the connection (its counters, whether it is TLS)
   */
  public ClientRequestHandler(ProxyContext context, ClientHttpCodec codec, Listener listener) {
    this.context = context;
    this.codec = codec;
    this.listener = listener;
    this.stats = listener.stats();
    codec.onHeadStarted(this::armHeadTimer);
  }

  /**
   * The handler of one HTTP/2 stream, which carries one request whose head arrives whole (no head
   * deadline: the frame codec reads whole frames).
   *
   * @param forwarding the connection's forwarding headers, shared by its streams
   */
  ClientRequestHandler(ProxyContext context, Listener listener, ForwardedHeaders forwarding) {
    this.context = context;
    this.codec = null;
    this.listener = listener;
    this.stats = listener.stats();
    this.forwarding = forwarding;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    this.ctx = ctx;
    var timeouts = context.settings().get().timeouts();
    idleNanos = timeouts.clientIdle().toNanos();
    headNanos = timeouts.requestHead().toNanos();
    touch();
    idleTimer = ctx.executor().schedule(idleCheck, idleNanos, TimeUnit.NANOSECONDS);
    ctx.read();
  }

  /**
   * A request head started arriving: makes sure its deadline is checked. One timer per connection,
   * re-armed lazily: a keep-alive connection sending request after request schedules about one
   * check per {@code requestHead}, not one per request.
   */
  private void armHeadTimer() {
    if (headTimer == null && ctx != null) {
      headTimer = ctx.executor().schedule(headCheck, headNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void checkHead() {
    headTimer = null;
    long start = codec.headStartNanos();
    if (closing || start == 0) {
      return; // no head in progress: the next one arms the timer again
    }
    if (exchange != null || !waiting.isEmpty()) {
      // The proxy is not reading (an exchange runs): the head's clock restarts when it reads again.
      armHeadTimer();
      return;
    }
    long left = headNanos - (System.nanoTime() - start);
    if (left > 0) {
      headTimer = ctx.executor().schedule(headCheck, left, TimeUnit.NANOSECONDS);
      return;
    }
    stats.countHeadTimeout();
    log.debug("request head from {} not complete in time", ctx.channel().remoteAddress());
    reject(
        HttpResponseStatus.REQUEST_TIMEOUT,
        "the request head did not arrive within " + headNanos / 1_000_000 + "ms");
  }

  /**
   * Something moved on the connection (a read from the client or from its backend). Like Netty's
   * IdleStateHandler, but a request costs a clock read instead of a pipeline stage and a listener
   * on every write.
   */
  void touch() {
    lastActivityNanos = System.nanoTime();
  }

  private void checkIdle() {
    idleTimer = null;
    if (closing) {
      return;
    }
    long left = idleNanos - (System.nanoTime() - lastActivityNanos);
    if (left <= 0) {
      ctx.close();
    } else {
      idleTimer = ctx.executor().schedule(idleCheck, left, TimeUnit.NANOSECONDS);
    }
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (closing) {
      ReferenceCountUtil.release(msg);
    } else if (!waiting.isEmpty()) {
      waiting.add(msg);
    } else if (exchange != null && exchange.takesClientMessage(msg)) {
      exchange.onClientMessage(msg);
    } else if (exchange != null) {
      waiting.add(msg);
    } else {
      handle(msg);
    }
  }

  private void handle(Object msg) {
    if (skippingBody && msg instanceof HttpContent content) {
      skippingBody = !(content instanceof LastHttpContent);
      content.release();
      return;
    }
    if (!(msg instanceof HttpRequest request)) {
      // Body bytes of a request already answered: the connection is out of step, end it.
      ReferenceCountUtil.release(msg);
      closeAfter(null);
      return;
    }
    DecoderResult result = request.decoderResult();
    if (result.isFailure()) {
      ReferenceCountUtil.release(msg);
      rejectMalformed(result.cause());
      return;
    }
    HttpVersion version = request.protocolVersion();
    if ((version.majorVersion() != 1 || version.minorVersion() > 1)
        && version != Http2StreamBridge.HTTP_2) {
      reject(
          HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED, "only HTTP/1.0 and HTTP/1.1 are served");
      return;
    }
    RequestChecks.Refusal refusal = RequestChecks.check(request);
    if (refusal != null) {
      reject(refusal.status(), refusal.detail());
      return;
    }
    ProxySettings settings = context.settings().get();
    long max = settings.limits().maxBodyBytes();
    if (max > 0 && HttpUtil.getContentLength(request, -1L) > max) {
      reject(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the body exceeds " + max + " bytes");
      return;
    }
    String target = request.uri(); // origin form now, normalised: as the backend will get it
    ServicePool pool =
        context
            .registry()
            .route(request.headers().get(HttpHeaderNames.HOST), target, routedPathEnd(request));
    if (pool == null) {
      ReferenceCountUtil.release(msg);
      boolean hasBody =
          HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
      answer(HttpResponseStatus.NOT_FOUND, "no service routes this host and path", !hasBody);
      return;
    }
    exchange = new Exchange(this, ctx, context, settings, pool, request);
    exchange.start();
  }

  private void rejectMalformed(Throwable cause) {
    if (cause instanceof TooLongHttpLineException) {
      reject(HttpResponseStatus.REQUEST_URI_TOO_LONG, "the request line is too long");
    } else if (cause instanceof TooLongHttpHeaderException) {
      reject(HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "the headers are too large");
    } else {
      log.debug("malformed request from {}: {}", ctx.channel().remoteAddress(), cause.toString());
      reject(HttpResponseStatus.BAD_REQUEST, "malformed request");
    }
  }

  private void reject(HttpResponseStatus status, String detail) {
    answer(status, detail, false);
  }

  private void answer(HttpResponseStatus status, String detail, boolean keepAlive) {
    ctx.writeAndFlush(Responses.error(ctx.alloc(), status, detail, keepAlive));
    if (keepAlive) {
      exchangeDone(true, false);
    } else {
      closeAfter(null);
    }
  }

  /**
   * Makes sure a response-header timeout check runs within {@code delayNanos}. One timer per
   * connection, re-armed lazily (like Netty's IdleStateHandler): a request costs a field write, not
   * a scheduled task.
   */
  void armResponseTimer(long delayNanos) {
    if (responseTimer == null) {
      responseTimer = ctx.executor().schedule(responseCheck, delayNanos, TimeUnit.NANOSECONDS);
    }
  }

  private void checkResponseTimer() {
    responseTimer = null;
    long deadline = exchange == null ? 0 : exchange.responseDeadline();
    if (deadline == 0) {
      return;
    }
    long left = deadline - System.nanoTime();
    if (left <= 0) {
      exchange.onResponseTimeout();
    } else {
      armResponseTimer(left);
    }
  }

  /** The current exchange ended; the connection serves the next request or closes. */
  void exchangeDone(boolean keepAlive) {
    exchangeDone(keepAlive, true);
  }

  /**
   * The current exchange ended before its request's end arrived (an error answered early); the rest
   * of a bodyless request is skipped.
   */
  void exchangeDone(boolean keepAlive, boolean requestRead) {
    skippingBody = keepAlive && !requestRead;
    exchange = null;
    if (!keepAlive) {
      closeAfter(null);
      return;
    }
    // Pipelined messages: each goes to the exchange it belongs to, in order.
    while (!closing && !waiting.isEmpty()) {
      Object next = waiting.peek();
      if (exchange == null) {
        handle(waiting.poll());
      } else if (exchange.takesClientMessage(next)) {
        exchange.onClientMessage(waiting.poll());
      } else {
        break;
      }
    }
    if (exchange != null) {
      exchange.onClientReadComplete();
    } else if (!closing) {
      if (codec != null) {
        codec.restartHeadClock();
      }
      ctx.read();
    }
  }

  /** Flushes what was written, then closes; nothing more is read or answered. */
  void closeAfter(Object lastMessage) {
    closing = true;
    releaseWaiting();
    ctx.writeAndFlush(lastMessage == null ? Unpooled.EMPTY_BUFFER : lastMessage)
        .addListener(ChannelFutureListener.CLOSE);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    touch();
    if (exchange != null) {
      exchange.onClientReadComplete();
    }
  }

  /** A TLS handshake (or the SNI lookup before it) failed or timed out. */
  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    // Not SslCloseCompletionEvent: a client leaving without close_notify is no failure.
    if ((evt instanceof SslHandshakeCompletionEvent || evt instanceof SniCompletionEvent)
        && !((SslCompletionEvent) evt).isSuccess()) {
      stats.countTlsFailure();
    }
    ctx.fireUserEventTriggered(evt);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (exchange != null) {
      exchange.onClientWritable();
    }
  }

  /** The connection became HTTP/2 before its first request: this handler's timers stop. */
  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    closing = true;
    cancel(idleTimer);
    cancel(responseTimer);
    cancel(headTimer);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closing = true;
    releaseWaiting();
    cancel(idleTimer);
    cancel(responseTimer);
    cancel(headTimer);
    if (exchange != null) {
      exchange.onClientClosed();
      exchange = null;
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof SSLException || cause.getCause() instanceof SSLException) {
      // Anyone can send a bad handshake: counted (userEventTriggered), not logged as a warning.
      log.debug("TLS with {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
    } else if (!(cause instanceof IOException)) {
      log.warn("client connection {} failed", ctx.channel().remoteAddress(), cause);
    }
    ctx.close();
  }

  private void releaseWaiting() {
    Object msg;
    while ((msg = waiting.poll()) != null) {
      ReferenceCountUtil.release(msg);
    }
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /** The listener that accepted the connection. */
  Listener listener() {
    return listener;
  }

  /** The client's address and forwarding headers, worked out on the first request. */
  ForwardedHeaders forwarding() {
    if (forwarding == null) {
      forwarding =
          new ForwardedHeaders(
              (InetSocketAddress) ctx.channel().remoteAddress(), listener.secure());
    }
    return forwarding;
  }

  /**
   * Where the routed path of the (checked) target ends: before the query of an origin-form target;
   * the asterisk and authority forms are routed as the path {@code /}.
   */
  private static int routedPathEnd(HttpRequest request) {
    String target = request.uri();
    return target.startsWith("/") ? RequestTarget.pathEnd(target) : -1;
  }
}
