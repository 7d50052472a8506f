package io.prescal.traffic.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.prescal.traffic.plan.DurationText;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Answers the synthetic backend's endpoints: {@code /healthz}, {@code /ready}, {@code /echo}, and
 * every other path with the configured latency, CPU work, error rate and size. Query parameters
 * {@code latency}, {@code cpu}, {@code status} and {@code size} override them per request. Delays
 * are scheduled on the event loop, never slept.
 */
@Sharable
final class SyntheticHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

  static final String IDENTITY_HEADER = "X-Served-By";
  static final String IN_FLIGHT_HEADER = "X-In-Flight";
  private static final org.slf4j.Logger LOG =
      org.slf4j.LoggerFactory.getLogger(SyntheticHandler.class);

  private final BackendSettings settings;
  private final BackendState state;
  private final ByteBuf body;

  SyntheticHandler(BackendSettings settings, BackendState state) {
    this.settings = settings;
    this.state = state;
    byte[] bytes = new byte[Math.max(settings.size(), 64 * 1024)];
    java.util.Arrays.fill(bytes, (byte) 'x');
    // One body for every response: each one writes a retained slice of it.
    this.body = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
    state.requestStarted();
    boolean keepAlive = HttpUtil.isKeepAlive(req);
    QueryStringDecoder uri = new QueryStringDecoder(req.uri());
    switch (uri.path()) {
      case "/healthz" -> {
        FullHttpResponse res = text(HttpResponseStatus.OK, "ok\n");
        // Lets a caller see the requests the backend holds (this one aside), e.g. before a drain.
        res.headers().setInt(IN_FLIGHT_HEADER, state.inFlight() - 1);
        send(ctx, res, keepAlive);
      }
      case "/ready" ->
          send(
              ctx,
              state.ready()
                  ? text(HttpResponseStatus.OK, "ready\n")
                  : text(
                      HttpResponseStatus.SERVICE_UNAVAILABLE,
                      state.draining() ? "draining\n" : "starting\n"),
              keepAlive);
      case "/echo" -> send(ctx, echo(req), keepAlive);
      default -> {
        try {
          synthetic(ctx, uri, keepAlive);
        } catch (IllegalArgumentException e) {
          send(ctx, text(HttpResponseStatus.BAD_REQUEST, e.getMessage() + "\n"), keepAlive);
        }
      }
    }
  }

  private void synthetic(ChannelHandlerContext ctx, QueryStringDecoder uri, boolean keepAlive) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long delay =
        param(uri, "latency") != null
            ? DurationText.parse(param(uri, "latency")).toNanos()
            : settings.latency().next(random);
    long cpu =
        param(uri, "cpu") != null
            ? DurationText.parse(param(uri, "cpu")).toNanos()
            : settings.cpuNanos();
    int status =
        param(uri, "status") != null
            ? Integer.parseInt(param(uri, "status"))
            : random.nextDouble() < settings.errorRate() ? 500 : 200;
    int size = param(uri, "size") != null ? Integer.parseInt(param(uri, "size")) : settings.size();
    HttpResponseStatus code = HttpResponseStatus.valueOf(status);
    Runnable answer =
        () -> {
          burn(cpu);
          ByteBuf content = body.retainedSlice(0, Math.min(size, body.capacity()));
          FullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, code, content);
          res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
          send(ctx, res, keepAlive);
        };
    if (delay > 0) {
      ctx.executor().schedule(answer, delay, TimeUnit.NANOSECONDS);
    } else {
      answer.run();
    }
  }

  private static String param(QueryStringDecoder uri, String name) {
    List<String> values = uri.parameters().get(name);
    return values == null || values.isEmpty() ? null : values.getFirst();
  }

  private static void burn(long nanos) {
    long end = System.nanoTime() + nanos;
    while (nanos > 0 && System.nanoTime() - end < 0) {
      Thread.onSpinWait();
    }
  }

  private FullHttpResponse echo(FullHttpRequest req) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, HttpResponseStatus.OK, req.content().retain());
    String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
    res.headers()
        .set(HttpHeaderNames.CONTENT_TYPE, type == null ? "application/octet-stream" : type)
        .set("X-Echo-Method", req.method().name())
        .set("X-Echo-Uri", req.uri());
    return res;
  }

  private static FullHttpResponse text(HttpResponseStatus status, String text) {
    FullHttpResponse res =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
    res.headers().set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.TEXT_PLAIN);
    return res;
  }

  private void send(ChannelHandlerContext ctx, FullHttpResponse res, boolean keepAlive) {
    boolean keep = keepAlive && !state.draining();
    res.headers()
        .setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes())
        .set(IDENTITY_HEADER, state.identity());
    HttpUtil.setKeepAlive(res, keep);
    ctx.writeAndFlush(res)
        .addListener(
            (ChannelFutureListener)
                f -> {
                  state.requestFinished();
                  if (!keep) {
                    f.channel().close();
                  }
                });
  }

  /** Frees the shared body once the server is closed. */
  void release() {
    body.release();
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // Clients that reset are normal under load; anything else is worth a line.
    if (!(cause instanceof java.io.IOException)) {
      LOG.warn("closing a connection after an unexpected error", cause);
    }
    ctx.close();
  }
}
