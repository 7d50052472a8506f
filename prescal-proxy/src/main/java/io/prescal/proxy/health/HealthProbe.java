package io.prescal.proxy.health;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.concurrent.Promise;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.server.Transport;
import java.util.concurrent.TimeUnit;

/**
 * One health probe: {@code GET path} on a new connection; the promise gets null when the status
 * line came back 2xx or 3xx in time, else what went wrong in a few words.
 */
final class HealthProbe {
  private final Transport transport;

  HealthProbe(Transport transport) {
    this.transport = transport;
  }

  Promise<String> probe(Backend backend, String path, long timeoutMillis, EventLoop loop) {
    Promise<String> result = loop.newPromise();
    Bootstrap bootstrap =
        new Bootstrap()
            .group(loop)
            .channel(transport.channel())
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) timeoutMillis)
            .handler(
                new ChannelInitializer<>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new HttpClientCodec(), new StatusReader(result));
                  }
                });
    var connect = bootstrap.connect(backend.address());
    Channel channel = connect.channel();
    var timer =
        loop.schedule(
            () -> result.trySuccess("no answer within " + timeoutMillis + "ms"),
            timeoutMillis,
            TimeUnit.MILLISECONDS);
    result.addListener(
        f -> {
          timer.cancel(false);
          channel.close();
        });
    connect.addListener(
        (ChannelFutureListener)
            f -> {
              if (!f.isSuccess()) {
                result.trySuccess("connect failed: " + f.cause().getMessage());
                return;
              }
              FullHttpRequest request =
                  new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, path);
              request
                  .headers()
                  .set(HttpHeaderNames.HOST, backend.addressText())
                  .set(HttpHeaderNames.USER_AGENT, "prescal-health")
                  .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
              f.channel().writeAndFlush(request);
            });
    return result;
  }

  private static final class StatusReader extends SimpleChannelInboundHandler<HttpObject> {
    private final Promise<String> result;

    StatusReader(Promise<String> result) {
      this.result = result;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
      if (msg instanceof HttpResponse response) {
        int code = response.status().code();
        result.trySuccess(code >= 200 && code < 400 ? null : "status " + code);
      }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      result.trySuccess("connection closed before a status line");
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      result.trySuccess(cause.getMessage() == null ? cause.toString() : cause.getMessage());
      ctx.close();
    }
  }
}
