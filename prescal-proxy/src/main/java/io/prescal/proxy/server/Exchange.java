package io.prescal.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import io.prescal.proxy.accesslog.AccessEntry;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ErrorClass;
import io.prescal.proxy.pool.PickContext;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.StartingPage;
import io.prescal.proxy.upstream.BackendHttpCodec;
import io.prescal.proxy.upstream.RawResponseHead;
import io.prescal.proxy.upstream.UpstreamListener;
import io.prescal.proxy.upstream.UpstreamPool;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/**
 * One request and its response: picks a backend, hands the two directions to a {@link RequestRelay}
 * and a {@link ResponseRelay}, retries where it is safe, and answers the errors the proxy itself
 * decides (502, 503, 504). Runs entirely on the client connection's event loop; the backend
 * connection lives on the same loop.
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
  private final RequestRelay request;
  private final ResponseRelay response;
  private final HttpMethod method;
  private final String uri;
  private final PickContext pickContext;
  private final long startNanos = System.nanoTime();
  private final Attempts attempts;

  private Phase phase = Phase.WAITING;
  private Backend backend;
  private Backend lastBackend;
  private Channel upstream;
  private long attemptNanos;
  private boolean mustClose;
  private long responseDeadline;
  private long heldSinceNanos = -1;

  Exchange(
      ClientRequestHandler handler,
      ChannelHandlerContext client,
      ProxyContext context,
      ProxySettings settings,
      ServicePool pool,
      HttpRequest head) {
    this.handler = handler;
    this.client = client;
    this.context = context;
    this.settings = settings;
    this.pool = pool;
    this.method = head.method();
    this.uri = head.uri();
    this.request = new RequestRelay(client, head);
    this.response =
        new ResponseRelay(client, method, head.protocolVersion(), handler.listener().hsts());
    this.attempts = new Attempts(pool, Methods.idempotent(method) && !request.hasBody());
    this.pickContext = new PickContext(head.headers(), handler.forwarding().client().getAddress());
  }

  void start() {
    pool.countRequest();
    pickBackend();
  }

  private void pickBackend() {
    Backend picked = pool.pick(pickContext, attempts.tried());
    if (picked != null) {
      connect(picked);
      return;
    }
    phase = Phase.WAITING;
    // Taken before the policy sees the request: the wait it reports is never shorter than the
    // policy's own timers (waitLimit, pageAfter), which start when it does.
    long asked = System.nanoTime();
    CompletableFuture<Backend> decision = pool.noBackendPolicy().onNoBackend(pool, pickContext);
    if (decision.isDone()) {
      decision.whenComplete(this::onPolicyDecision); // complete: runs here, now
    } else {
      if (heldSinceNanos < 0) {
        heldSinceNanos = asked;
      }
      decision.whenComplete((b, e) -> client.executor().execute(() -> onPolicyDecision(b, e)));
    }
  }

  private void onPolicyDecision(Backend decided, Throwable error) {
    if (phase != Phase.WAITING) {
      return;
    }
    if (heldSinceNanos >= 0) {
      response.coldStart(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - heldSinceNanos));
    }
    Throwable cause = error instanceof CompletionException wrapped ? wrapped.getCause() : error;
    if (cause instanceof StartingPage) {
      pool.countRejected();
      boolean keepAlive = keepAliveAfterOwnAnswer();
      answer(Responses.startingPage(client.alloc(), pool.name(), keepAlive), keepAlive);
    } else if (decided == null || error != null) {
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
    UpstreamPool.handler(channel).listener(this);
    // Built per attempt (a retry is rare): cheaper than keeping a copy for it.
    ByteBuf head =
        MessageHeads.toBackend(
            request.head(),
            request.chunked(),
            request.upgrade(),
            handler.forwarding(),
            settings,
            pool.name(),
            channel.alloc());
    if (request.attach(channel, head)) {
      startResponseTimer();
    }
    readClientIfReady();
  }

  private void onConnectFailed(Throwable cause) {
    Backend failed = backend;
    failed.stats().recordError(ErrorClass.CONNECT);
    context.outcomes().onConnectFailure(pool, failed);
    endAttempt();
    if (attempts.mayRetry(true, request.bodySent())) {
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
    return phase == Phase.TUNNEL || request.expects(msg);
  }

  void onClientMessage(Object msg) {
    if (phase == Phase.TUNNEL) {
      request.tunnel(msg);
      return;
    }
    HttpContent content = (HttpContent) msg;
    if (content.decoderResult().isFailure()) {
      content.release();
      request.abandon();
      clientError(HttpResponseStatus.BAD_REQUEST, "malformed request body");
      return;
    }
    long max = settings.limits().maxBodyBytes();
    if (max > 0 && request.bodyBytes() + content.content().readableBytes() > max) {
      content.release();
      clientError(
          HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "the body exceeds " + max + " bytes");
      return;
    }
    if (request.onBody(content)) {
      startResponseTimer();
    }
  }

  /** The client sent something that ends the exchange: answer if possible, always close. */
  private void clientError(HttpResponseStatus error, String detail) {
    abandonUpstream();
    endAttempt();
    if (response.started()) {
      abort();
    } else {
      mustClose = true;
      fail(error, detail);
    }
  }

  void onClientReadComplete() {
    request.flush();
    readClientIfReady();
  }

  void onClientWritable() {
    readUpstreamIfReady();
  }

  private void readClientIfReady() {
    if (phase == Phase.TUNNEL
        ? upstream != null && upstream.isWritable()
        : phase == Phase.FORWARDING && request.wantsClientRead()) {
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
    } else if (response.skipped(msg)) {
      return;
    } else if (phase == Phase.TUNNEL) {
      response.tunnel(msg);
    } else if (msg instanceof RawResponseHead head) {
      onRawHead(head);
    } else if (msg instanceof HttpResponse head) {
      onResponseHead(head);
    } else if (msg instanceof HttpContent content) {
      if (content.decoderResult().isFailure()) {
        onMalformedBody(content);
      } else if (response.content(content)) {
        completeResponse();
      }
    } else {
      ReferenceCountUtil.release(msg);
    }
  }

  private void onResponseHead(HttpResponse head) {
    cancelResponseTimer();
    int code = head.status().code();
    if (head.decoderResult().isFailure()) {
      ReferenceCountUtil.release(head);
      backend.stats().recordError(ErrorClass.RESET);
      abandonUpstream();
      endAttempt();
      fail(HttpResponseStatus.BAD_GATEWAY, "the backend sent a malformed response");
      return;
    }
    if (code == 101) {
      if (request.upgrade()) {
        switchToTunnel(head);
      } else {
        // Nothing more will come as HTTP: waiting for a final answer would wait for the timeout.
        ReferenceCountUtil.release(head);
        backend.stats().recordError(ErrorClass.RESET);
        abandonUpstream();
        endAttempt();
        fail(HttpResponseStatus.BAD_GATEWAY, "the backend switched protocols unasked");
      }
      return;
    }
    if (code < 200) {
      // Interim answers (100 Continue...) are dropped: the proxy sends its own 100 Continue.
      response.skipUntilLast();
      return;
    }
    if (retried(code)) {
      ReferenceCountUtil.release(head);
      return;
    }
    response.start(head, request.keepAlive() && request.complete(), settings, backend.id());
  }

  /**
   * A backend's body (a chunk or its trailers) could not be read: nothing more of it is forwarded,
   * and the backend connection is closed. If the client got the head already, its connection is
   * closed too, so that it cannot take the cut body for a whole one.
   */
  private void onMalformedBody(HttpContent content) {
    content.release();
    backend.stats().recordError(ErrorClass.RESET);
    abandonUpstream();
    endAttempt();
    if (response.started()) {
      abort();
    } else {
      fail(HttpResponseStatus.BAD_GATEWAY, "the backend sent a malformed response");
    }
  }

  /** A final response head of the common kind, read without Netty's decoder. */
  private void onRawHead(RawResponseHead head) {
    cancelResponseTimer();
    if (retried(head.status())) {
      head.release();
    } else {
      response.startRaw(head, request.keepAlive() && request.complete(), settings, backend.id());
    }
  }

  /**
   * Takes note of a final response's arrival; a 502 or 503 that may be retried is, on another
   * backend, and the caller drops its head.
   */
  private boolean retried(int code) {
    long now = System.nanoTime();
    backend.latency().observe(now - attemptNanos, now);
    if ((code == 502 || code == 503) && attempts.mayRetry(false, request.bodySent())) {
      backend.stats().recordResponse(code, micros(attemptNanos));
      context.outcomes().onResponse(pool, backend, code);
      abandonUpstream();
      endAttempt();
      pickBackend();
      return true;
    }
    return false;
  }

  private void completeResponse() {
    int status = response.status();
    backend.stats().recordResponse(status, micros(attemptNanos));
    context.outcomes().onResponse(pool, backend, status);
    Channel channel = upstream;
    upstream = null;
    request.detach();
    if (response.upstreamReusable() && request.lastWritten()) {
      context.upstream().release(backend, channel);
    } else {
      UpstreamPool.handler(channel).listener(null);
      channel.close();
    }
    endAttempt();
    finish(response.clientKeepAlive() && request.complete());
  }

  private void switchToTunnel(HttpResponse head) {
    phase = Phase.TUNNEL;
    backend.stats().recordResponse(101, micros(attemptNanos));
    upstream.pipeline().get(BackendHttpCodec.class).upgraded();
    HttpResponse switched = MessageHeads.switching(head);
    ReferenceCountUtil.release(head);
    response.upgraded(switched);
    client.pipeline().remove(ProxyServerInitializer.HTTP_CODEC);
    readClientIfReady();
    readUpstreamIfReady();
  }

  @Override
  public void onUpstreamReadComplete() {
    handler.touch();
    response.flush();
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
    request.detach();
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
    if (response.started()) {
      // Part of the response went out: the client must see the connection end, never a hang.
      abort();
    } else if (attempts.mayRetry(false, request.bodySent())) {
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
    if (response.status() == 0) {
      response.status(499);
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
    if (phase != Phase.FORWARDING || response.started()) {
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
    boolean keepAlive = keepAliveAfterOwnAnswer();
    answer(Responses.error(client.alloc(), error, detail, keepAlive), keepAlive);
  }

  /** Whether the client connection may stay open after an answer of the proxy's own. */
  private boolean keepAliveAfterOwnAnswer() {
    return !mustClose && request.keepAlive() && (request.complete() || !request.hasBody());
  }

  /** Writes an answer of the proxy's own; the response has not started. */
  private void answer(FullHttpResponse own, boolean keepAlive) {
    response.status(own.status().code());
    response.markColdStart(own);
    response.write(own);
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
    response.flush();
    handler.exchangeDone(keepAlive, request.complete());
  }

  private void end() {
    phase = Phase.DONE;
    cancelResponseTimer();
    request.release();
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
                  response.status(),
                  response.bytes(),
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
    request.detach();
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
