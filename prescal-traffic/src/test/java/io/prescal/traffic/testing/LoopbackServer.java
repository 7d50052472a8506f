package io.prescal.traffic.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.prescal.traffic.net.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small Netty HTTP server on 127.0.0.1 for tests: counts requests and connections, keeps what it
 * received, and answers after a delay the test chooses per request (so it can stall).
 */
public final class LoopbackServer implements AutoCloseable {

  /** Decides each response's delay in nanoseconds, from the arrival time. */
  public interface Delay {
    long nanos(long arrivalNanos);
  }

  private final EventLoopGroup group;
  private final Channel server;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final List<String> received = new CopyOnWriteArrayList<>();
  private final List<String> headers;

  private LoopbackServer(Delay delay, List<String> extraHeaders) throws InterruptedException {
    this.headers = extraHeaders;
    Transport transport = Transport.best();
    this.group = transport.newGroup(1, "test-server");
    this.server =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    connections.incrementAndGet();
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(1 << 20))
                        .addLast(new Handler(delay));
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  /** A server answering 200 at once. */
  public static LoopbackServer start() throws InterruptedException {
    return new LoopbackServer(arrival -> 0, List.of());
  }

  /** A server answering 200 after {@code delay}, with extra "Name: value" headers. */
  public static LoopbackServer start(Delay delay, String... headers) throws InterruptedException {
    return new LoopbackServer(delay, List.of(headers));
  }

  /** The base URL, e.g. http://127.0.0.1:41234. */
  public String url() {
    return "http://127.0.0.1:" + ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Requests received. */
  public int requests() {
    return requests.get();
  }

  /** Connections accepted. */
  public int connections() {
    return connections.get();
  }

  /** Every request received, as "METHOD URI" plus headers and body. */
  public List<String> received() {
    return received;
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final Delay delay;

    Handler(Delay delay) {
      this.delay = delay;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      long arrival = System.nanoTime();
      requests.incrementAndGet();
      StringBuilder text = new StringBuilder(req.method() + " " + req.uri() + "\n");
      req.headers()
          .forEach(h -> text.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
      text.append('\n').append(req.content().toString(StandardCharsets.UTF_8));
      received.add(text.toString());
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      Runnable answer =
          () -> {
            FullHttpResponse res =
                new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("ok", StandardCharsets.UTF_8));
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 2);
            for (String h : headers) {
              int colon = h.indexOf(':');
              res.headers().add(h.substring(0, colon).trim(), h.substring(colon + 1).trim());
            }
            HttpUtil.setKeepAlive(res, keepAlive);
            var f = ctx.writeAndFlush(res);
            if (!keepAlive) {
              f.addListener(x -> ctx.close());
            }
          };
      long nanos = delay.nanos(arrival);
      if (nanos > 0) {
        ctx.executor().schedule(answer, nanos, TimeUnit.NANOSECONDS);
      } else {
        answer.run();
      }
    }
  }
}
