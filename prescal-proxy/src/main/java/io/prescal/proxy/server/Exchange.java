package io.prescal.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.prescal.proxy.accesslog.AccessEntry;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ErrorClass;
import io.prescal.proxy.pool.PickContext;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.upstream.UpstreamListener;
import io.prescal.proxy.upstream.UpstreamPool;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One request and its response: picks a backend, streams the body both ways with read-after-write
 * backpressure, retries where it is safe, and answers the errors the proxy itself decides (502,
 * 503, 504). Runs entirely on the client connection's event loop; the backend connection lives on
 * the same loop.
 */
final class Exchange implements UpstreamListener {
  private enum Phase {
    WAITING,
    CONNECTING,
    FORWARDING,
    TUNNEL,
    DONE
  }

  private final ClientRequestHandler handler;
  private final ChannelHandlerContext client;
  private final ProxyContext context;
  private final ProxySettings settings;
  private final ServicePool pool;
  private final HttpRequest request;
  private final HttpMethod method;
  private final String uri;
  private final HttpVersion clientVersion;
  private final boolean clientKeepAlive;
  private final boolean hasBody;
  private final boolean chunked;
  private final boolean expectContinue;
  private final boolean upgrade;
  private final PickContext pickContext;
  private final long startNanos = System.nanoTime();
  private ArrayDeque<HttpContent> pendingBody;
  private final Attempts attempts;

  private Phase phase = Phase.WAITING;
  private Backend backend;
  private Backend lastBackend;
  private Channel upstream;
  private long attemptNanos;
  private boolean requestComplete;
  private boolean lastWritten;
  private boolean bodySent;
  private boolean continueSent;
  private boolean responseStarted;
  private boolean skipUntilLast;
  private boolean responseKeepAlive;
  private boolean upstreamReusable;
  private boolean mustClose;
  private boolean clientUnflushed;
  private boolean upstreamUnflushed;
  private int status;
  private long bodyBytes;
  private long responseBytes;
  private long responseDeadline;

  Exchange(
      ClientRequestHandler handler,
      ChannelHandlerContext client,
      ProxyContext context,
      ProxySettings settings,
      ServicePool pool,
      HttpRequest request) {
    this.handler = handler;
    this.client = client;
    this.context = context;
    this.settings = settings;
    this.pool = pool;
    this.request = request;
    this.method = request.method();
    this.uri = request.uri();
    this.clientVersion = request.protocolVersion();
    this.clientKeepAlive = HttpUtil.isKeepAlive(request);
    this.chunked = HttpUtil.isTransferEncodingChunked(request);
    this.hasBody = chunked || HttpUtil.getContentLength(request, 0L) > 0;
    this.expectContinue = HttpUtil.is100ContinueExpected(request);
    this.upgrade =
        request.headers().contains(HttpHeaderNames.UPGRADE)
            && request
                .headers()
                .containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
    this.attempts = new Attempts(pool, Methods.idempotent(method) && !hasBody);
    this.pickContext =
        new PickContext(request.headers(), handler.forwarding().client().getAddress());
  }

  void start() {
    pool.countRequest();
    MessageHeads.toBackend(request, chunked, upgrade, handler.forwarding(), settings, pool.name());
    pickBackend();
  }

  private void pickBackend() {
    Backend picked = pool.pick(pickContext, attempts.tried());
    if (picked != null) {
      connect(picked);
      return;
    }
    phase = Phase.WAITING;
    CompletableFuture<Backend> decision = pool.noBackendPolicy().onNoBackend(pool, pickContext);
    if (decision.isDone()) {
      onPolicyDecision(decision.isCompletedExceptionally() ? null : decision.join());
    } else {
      decision.whenComplete(
          (b, e) -> client.executor().execute(() -> onPolicyDecision(e == null ? b : null)));
    }
  }

  private void onPolicyDecision(Backend decided) {
    if (phase != Phase.WAITING) {
      return;
    }
    if (decided == null) {
      pool.countRejected();
      fail(
          HttpResponseStatus.SERVICE_UNAVAILABLE,
          "no backend of service " + pool.name() + " is ready");
    } else {
      connect(decided);
    }
  }

  private void connect(Backend target) {
    phase = Phase.CONNECTING;
    backend = target;
    attempts.started(target);
    target.beginRequest();
    attemptNanos = System.nanoTime();
    Channel pooled = context.upstream().pooled(target, client.channel().eventLoop());
    if (pooled != null) {
      attach(pooled);
      return;
    }
    context
        .upstream()
        .connect(target, client.channel().eventLoop())
        .addListener(
            (ChannelFuture f) -> {
              if (phase != Phase.CONNECTING || backend != target) {
                f.channel().close();
              } else if (f.isSuccess()) {
                attach(f.channel());
              } else {
                onConnectFailed(f.cause());
              }
            });
  }

  private void attach(Channel channel) {
    upstream = channel;
    phase = Phase.FORWARDING;
    lastWritten = false;
    UpstreamPool.handler(channel).listener(this);
    channel.write(request, channel.voidPromise());
    if (pendingBody != null) {
      HttpContent content;
      while ((content = pendingBody.poll()) != null) {
        writeBody(content);
      }
    }
    if (requestComplete && !lastWritten) {
      writeBody(LastHttpContent.EMPTY_LAST_CONTENT);
    }
    channel.flush();
    upstreamUnflushed = false;
    channel.read();
    if (expectContinue && !requestComplete && !continueSent) {
      continueSent = true;
      client.writeAndFlush(
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE),
          client.voidPromise());
    }
    readClientIfReady();
  }

  private void writeBody(HttpContent content) {
    bodySent |= content.content().isReadable();
    upstream.write(content, upstream.voidPromise());
    upstreamUnflushed = true;
    if (content instanceof LastHttpContent) {
      lastWritten = true;
      startResponseTimer();
    }
  }

  private void onConnectFailed(Throwable cause) {
    Backend failed = backend;
    failed.stats().recordError(ErrorClass.CONNECT);
    context.outcomes().onConnectFailure(pool, failed);
    endAttempt();
    if (attempts.mayRetry(true, bodySent)) {
      pickBackend();
    } else if (cause instanceof ConnectTimeoutException) {
      fail(
          HttpResponseStatus.GATEWAY_TIMEOUT,
          "could not connect to backend " + failed.id() + " in time");
    } else {
      fail(HttpResponseStatus.BAD_GATEWAY, "could not connect to backend " + failed.id());
    }
  }

  /** Whether the client's next message belongs to this exchange (body parts, tunnel bytes). */
  boolean takesClientMessage(Object msg) {
    return phase == Phase.TUNNEL
        || (msg instanceof HttpContent && !(msg instanceof HttpRequest) && !requestComplete);
  }

  void onClientMessage(Object msg) {
    if (phase == Phase.TUNNEL) {
      upstream.write(msg, upstream.voidPromise());
      upstreamUnflushed = true;
      return;
    }
    HttpContent content = (HttpContent) msg;
    if (content.decoderResult().isFailure()) {
      content.release();
      requestComplete = true;
      clientError(HttpResponseStatus.BAD_REQUEST, "malformed request body");
      return;
    }
    bodyBytes += content.content().readableBytes();
    long max = settings.limits().maxBodyBytes();
    if (max > 0 && bodyBytes > max) {
      content.release();
      clientError(
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the body exceeds " + max + " bytes");
      return;
    }
    requestComplete = content instanceof LastHttpContent;
    if (phase == Phase.FORWARDING) {
      writeBody(content);
    } else {
      if (pendingBody == null) {
        pendingBody = new ArrayDeque<>(4);
      }
      pendingBody.add(content);
    }
  }

  /** The client sent something that ends the exchange: answer if possible, always close. */
  private void clientError(HttpResponseStatus error, String detail) {
    abandonUpstream();
    endAttempt();
    if (responseStarted) {
      abort();
    } else {
      mustClose = true;
      fail(error, detail);
    }
  }

  void onClientReadComplete() {
    if (upstreamUnflushed && upstream != null) {
      upstreamUnflushed = false;
      upstream.flush();
    }
    readClientIfReady();
  }

  void onClientWritable() {
    readUpstreamIfReady();
  }

  private void readClientIfReady() {
    if (upstream == null || !upstream.isWritable()) {
      return;
    }
    if (phase == Phase.TUNNEL || (phase == Phase.FORWARDING && !requestComplete)) {
      client.read();
    }
  }

  private void readUpstreamIfReady() {
    if (upstream != null
        && (phase == Phase.FORWARDING || phase == Phase.TUNNEL)
        && client.channel().isWritable()) {
      upstream.read();
    }
  }

  @Override
  public void onUpstreamRead(Object msg) {
    if (phase == Phase.DONE) {
      ReferenceCountUtil.release(msg);
    } else if (skipUntilLast && msg instanceof HttpContent content) {
      skipUntilLast = !(content instanceof LastHttpContent);
      content.release();
    } else if (phase == Phase.TUNNEL) {
      responseBytes += msg instanceof ByteBuf b ? b.readableBytes() : 0;
      writeClient(msg);
    } else if (msg instanceof HttpResponse response) {
      onResponseHead(response);
    } else if (msg instanceof HttpContent content) {
      onResponseContent(content);
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onResponseHead(HttpResponse response) {
    cancelResponseTimer();
    int code = response.status().code();
    if (response.decoderResult().isFailure()) {
      ReferenceCountUtil.release(response);
      backend.stats().recordError(ErrorClass.RESET);
      abandonUpstream();
      endAttempt();
      fail(HttpResponseStatus.BAD_GATEWAY, "the backend sent a malformed response");
      return;
    }
    if (code == 101 && upgrade) {
      switchToTunnel(response);
      return;
    }
    if (code < 200) {
      // Interim answers (100 Continue...) are dropped: the proxy sends its own 100 Continue.
      skipUntilLast = true;
      return;
    }
    long now = System.nanoTime();
    backend.latency().observe(now - attemptNanos, now);
    if ((code == 502 || code == 503) && attempts.mayRetry(false, bodySent)) {
      backend.stats().recordResponse(code, micros(attemptNanos));
      context.outcomes().onResponse(pool, backend, code);
      ReferenceCountUtil.release(response);
      abandonUpstream();
      endAttempt();
      pickBackend();
      return;
    }
    status = code;
    responseStarted = true;
    upstreamReusable = HttpUtil.isKeepAlive(response);
    responseKeepAlive =
        MessageHeads.toClient(
            response, method, clientVersion, clientKeepAlive && requestComplete, settings);
    if (!settings.backendHeader().isEmpty()) {
      response.headers().set(settings.backendHeader(), backend.id());
    }
    writeClient(response);
  }

  private void onResponseContent(HttpContent content) {
    responseBytes += content.content().readableBytes();
    writeClient(content);
    if (content instanceof LastHttpContent) {
      completeResponse();
    }
  }

  private void completeResponse() {
    backend.stats().recordResponse(status, micros(attemptNanos));
    context.outcomes().onResponse(pool, backend, status);
    Channel channel = upstream;
    upstream = null;
    if (upstreamReusable && lastWritten) {
      context.upstream().release(backend, channel);
    } else {
      UpstreamPool.handler(channel).listener(null);
      channel.close();
    }
    endAttempt();
    finish(responseKeepAlive && requestComplete);
  }

  private void switchToTunnel(HttpResponse response) {
    status = 101;
    responseStarted = true;
    phase = Phase.TUNNEL;
    skipUntilLast = true;
    backend.stats().recordResponse(101, micros(attemptNanos));
    HttpClientCodec codec = upstream.pipeline().get(HttpClientCodec.class);
    codec.prepareUpgradeFrom(upstream.pipeline().context(codec));
    DefaultFullHttpResponse switched = MessageHeads.switching(response);
    ReferenceCountUtil.release(response);
    client.writeAndFlush(switched, client.voidPromise());
    client.pipeline().remove(ProxyServerInitializer.HTTP_CODEC);
    readClientIfReady();
    readUpstreamIfReady();
  }

  /** Writes towards the client; no listener is needed (a failed write closes the connection). */
  private void writeClient(Object msg) {
    client.write(msg, client.voidPromise());
    clientUnflushed = true;
  }

  private void flushClient() {
    if (clientUnflushed) {
      clientUnflushed = false;
      client.flush();
    }
  }

  @Override
  public void onUpstreamReadComplete() {
    handler.touch();
    flushClient();
    readUpstreamIfReady();
  }

  @Override
  public void onUpstreamWritable() {
    readClientIfReady();
  }

  @Override
  public void onUpstreamClosed(Throwable cause) {
    if (phase == Phase.DONE) {
      return;
    }
    upstream = null;
    cancelResponseTimer();
    if (phase == Phase.TUNNEL) {
      endAttempt();
      finish(false);
      return;
    }
    if (backend != null) {
      backend.stats().recordError(ErrorClass.RESET);
    }
    endAttempt();
    if (responseStarted) {
      // Part of the response went out: the client must see the connection end, never a hang.
      abort();
    } else if (attempts.mayRetry(false, bodySent)) {
      pickBackend();
    } else {
      fail(HttpResponseStatus.BAD_GATEWAY, "the backend closed the connection before answering");
    }
  }

  void onClientClosed() {
    if (phase == Phase.DONE) {
      return;
    }
    abandonUpstream();
    endAttempt();
    if (status == 0) {
      status = 499;
    }
    end();
  }

  private void startResponseTimer() {
    long timeout = settings.timeouts().responseHeader().toNanos();
    responseDeadline = System.nanoTime() + timeout;
    handler.armResponseTimer(timeout);
  }

  /** When the backend's status line is due ({@link System#nanoTime()}), or 0 when none is. */
  long responseDeadline() {
    return responseDeadline;
  }

  void onResponseTimeout() {
    if (phase != Phase.FORWARDING || responseStarted) {
      return;
    }
    backend.stats().recordError(ErrorClass.TIMEOUT);
    abandonUpstream();
    endAttempt();
    fail(
        HttpResponseStatus.GATEWAY_TIMEOUT,
        "the backend did not answer within "
            + settings.timeouts().responseHeader().toMillis()
            + "ms");
  }

  private void cancelResponseTimer() {
    responseDeadline = 0;
  }

  /** Answers an error the proxy decided; the response has not started. */
  private void fail(HttpResponseStatus error, String detail) {
    status = error.code();
    boolean keepAlive = !mustClose && clientKeepAlive && (requestComplete || !hasBody);
    writeClient(Responses.error(client.alloc(), error, detail, keepAlive));
    finish(keepAlive);
  }

  /** Ends the exchange by closing the client connection (a response was cut short). */
  private void abort() {
    abandonUpstream();
    end();
    handler.exchangeDone(false);
  }

  private void finish(boolean keepAlive) {
    end();
    flushClient();
    handler.exchangeDone(keepAlive, requestComplete);
  }

  private void end() {
    phase = Phase.DONE;
    cancelResponseTimer();
    if (pendingBody != null) {
      HttpContent content;
      while ((content = pendingBody.poll()) != null) {
        content.release();
      }
    }
    attempts.release();
    if (context.accessLog().enabled()) {
      context
          .accessLog()
          .log(
              new AccessEntry(
                  System.currentTimeMillis(),
                  handler.forwarding().ip(),
                  method.name(),
                  uri,
                  status,
                  responseBytes,
                  micros(startNanos),
                  pool.name(),
                  lastBackend == null ? "-" : lastBackend.id(),
                  attempts.count()));
    }
  }

  private void abandonUpstream() {
    if (upstream != null) {
      UpstreamPool.handler(upstream).listener(null);
      upstream.close();
      upstream = null;
    }
  }

  private void endAttempt() {
    if (backend != null) {
      backend.endRequest();
      lastBackend = backend;
      backend = null;
    }
  }

  private static long micros(long sinceNanos) {
    return TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - sinceNanos);
  }
}
