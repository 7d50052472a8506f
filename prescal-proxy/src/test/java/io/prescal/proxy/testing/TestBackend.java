package io.prescal.proxy.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

/** A small Netty HTTP server on loopback for tests: answers with a function, records requests. */
public final class TestBackend implements AutoCloseable {
  private final EventLoopGroup group =
      new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Channel channel;
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger open = new AtomicInteger();
  private final String name;

  /** What the backend received. */
  public record Seen(String method, String uri, HttpHeaders headers, String body) {}

  private TestBackend(String name, Supplier<ChannelHandler> handler, boolean aggregate) {
    this.name = name;
    channel =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel ch) {
                    connections.incrementAndGet();
                    open.incrementAndGet();
                    ch.closeFuture().addListener(f -> open.decrementAndGet());
                    ch.pipeline().addLast(new HttpServerCodec());
                    if (aggregate) {
                      ch.pipeline().addLast(new HttpObjectAggregator(16 << 20));
                    }
                    ch.pipeline().addLast(handler.get());
                  }
                })
            .bind("127.0.0.1", 0)
            .syncUninterruptibly()
            .channel();
  }

  /** A backend answering 200 with its name as body. */
  public static TestBackend named(String name) {
    return answering(name, r -> text(HttpResponseStatus.OK, name));
  }

  /** A backend answering each (aggregated) request with {@code responder}. */
  public static TestBackend answering(
      String name, Function<FullHttpRequest, FullHttpResponse> responder) {
    TestBackend[] self = new TestBackend[1];
    self[0] =
        new TestBackend(
            name,
            () ->
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    FullHttpRequest request = (FullHttpRequest) msg;
                    try {
                      self[0].seen.add(
                          new Seen(
                              request.method().name(),
                              request.uri(),
                              request.headers().copy(),
                              request.content().toString(StandardCharsets.UTF_8)));
                      FullHttpResponse response = responder.apply(request);
                      if (response == null) {
                        ctx.close();
                        return;
                      }
                      HttpUtil.setContentLength(response, response.content().readableBytes());
                      ctx.writeAndFlush(response);
                    } finally {
                      request.release();
                    }
                  }
                },
            true);
    return self[0];
  }

  /** A backend with a raw pipeline handler (after HttpServerCodec, no aggregation). */
  public static TestBackend raw(String name, Supplier<ChannelHandler> handler) {
    return new TestBackend(name, handler, false);
  }

  /** A 200/other text response. */
  public static FullHttpResponse text(HttpResponseStatus status, String body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain");
    return response;
  }

  public int port() {
    return ((java.net.InetSocketAddress) channel.localAddress()).getPort();
  }

  public String address() {
    return "127.0.0.1:" + port();
  }

  public String name() {
    return name;
  }

  public List<Seen> seen() {
    return seen;
  }

  /** Connections accepted so far. */
  public int connections() {
    return connections.get();
  }

  /** Connections open now. */
  public int open() {
    return open.get();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
  }
}
