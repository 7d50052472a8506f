package io.prescal.proxy.server;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.prescal.proxy.accesslog.AccessLog;
import io.prescal.proxy.config.ConfigLoader;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.OutcomeListener;
import io.prescal.proxy.pool.Route;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.ServiceRegistry;
import io.prescal.proxy.testing.TestPools;
import io.prescal.proxy.upstream.UpstreamPool;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A benchmark, not a test (run by hand; Surefire does not pick it up): client, proxy and backend
 * share ONE event loop thread in this JVM, over real loopback sockets. The thread never waits for
 * another process, so its CPU time per request (system calls included) barely depends on what else
 * the machine runs; windows alternate between the proxied path and the direct path, and the
 * difference of the two is the proxy's own cost. The minimum over windows is the figure to compare:
 * interference only ever adds time.
 *
 * <pre>
 * java -cp CLASSPATH [JVM flags] io.prescal.proxy.server.RequestPathBench [windows] [connections]
 * </pre>
 */
public final class RequestPathBench {
  private static final String RESPONSE =
      "HTTP/1.1 200 OK\r\nServer: nginx/1.22.1\r\nDate: Wed, 25 Nov 2026 23:54:54 GMT\r\n"
          + "Content-Type: text/html\r\nContent-Length: 3\r\n"
          + "Last-Modified: Wed, 25 Nov 2026 23:31:21 GMT\r\nConnection: keep-alive\r\n"
          + "ETag: \"69263b39-3\"\r\nAccept-Ranges: bytes\r\n\r\nok\n";

  public static void main(String[] args) throws Exception {
    int windows = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int connections = args.length > 1 ? Integer.parseInt(args[1]) : 50;
    Transport transport = Transport.detect();
    EventLoopGroup loop = transport.newGroup(1, "bench-loop");
    Channel backend = backend(transport, loop);
    InetSocketAddress backendAddress = (InetSocketAddress) backend.localAddress();
    InetSocketAddress proxyAddress = proxy(transport, loop, backendAddress);
    long tid = loop.submit(() -> Thread.currentThread().threadId()).get();

    Driver proxied = new Driver(transport, loop, proxyAddress, connections);
    Driver direct = new Driver(transport, loop, backendAddress, connections);
    proxied.run(tid, 8_000);
    direct.run(tid, 3_000);
    double[] viaProxy = new double[windows];
    double[] straight = new double[windows];
    for (int i = 0; i < windows; i++) {
      viaProxy[i] = proxied.run(tid, 1_500);
      straight[i] = direct.run(tid, 1_500);
      System.out.printf(
          "window %2d: proxied %7.0f ns/req, direct %7.0f ns/req%n", i, viaProxy[i], straight[i]);
    }
    Arrays.sort(viaProxy);
    Arrays.sort(straight);
    System.out.printf(
        "min: proxied %.0f, direct %.0f, proxy's own %.0f ns/req;"
            + " median: proxied %.0f, direct %.0f, proxy's own %.0f ns/req%n",
        viaProxy[0],
        straight[0],
        viaProxy[0] - straight[0],
        viaProxy[windows / 2],
        straight[windows / 2],
        viaProxy[windows / 2] - straight[windows / 2]);
    loop.shutdownGracefully().syncUninterruptibly();
    System.exit(0);
  }

  /** A backend that answers every request with the same bytes, like nginx serving a small file. */
  private static Channel backend(Transport transport, EventLoopGroup loop) {
    ByteBuf answer =
        Unpooled.unreleasableBuffer(
            Unpooled.directBuffer().writeBytes(RESPONSE.getBytes(StandardCharsets.US_ASCII)));
    return new ServerBootstrap()
        .group(loop, loop)
        .channel(transport.serverChannel())
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(
            new ChannelInitializer<>() {
              @Override
              protected void initChannel(Channel ch) {
                ch.pipeline()
                    .addLast(new HttpRequestDecoder())
                    .addLast(
                        new ChannelInboundHandlerAdapter() {
                          @Override
                          public void channelRead(ChannelHandlerContext ctx, Object msg) {
                            boolean last = msg instanceof LastHttpContent;
                            ReferenceCountUtil.release(msg);
                            if (last) {
                              ctx.writeAndFlush(answer.duplicate(), ctx.voidPromise());
                            }
                          }
                        });
              }
            })
        .bind("127.0.0.1", 0)
        .syncUninterruptibly()
        .channel();
  }

  /** The proxy's request path as the proxy wires it, on the shared loop. */
  private static InetSocketAddress proxy(
      Transport transport, EventLoopGroup loop, InetSocketAddress backendAddress) throws Exception {
    var config =
        ConfigLoader.parse(
            "services:\n  - name: bench\n    backends: [{address: 127.0.0.1:"
                + backendAddress.getPort()
                + "}]\n",
            "bench");
    ServicePool pool = TestPools.pool("bench", EventSink.NONE, null);
    Backend target = Backend.ofStatic(backendAddress, 1);
    pool.add(target);
    pool.markReady(target.id());
    ServiceRegistry registry = new ServiceRegistry();
    registry.replace(List.of(new Route(List.of("*"), "/", pool)));
    ProxySettings settings = ProxySettings.of(config);
    UpstreamPool upstream = new UpstreamPool(transport, settings::timeouts);
    ProxyContext context =
        new ProxyContext(registry, upstream, AccessLog.NONE, OutcomeListener.NONE, () -> settings);
    return new ProxyServer(transport, loop, loop, context)
        .bind(List.of(new InetSocketAddress("127.0.0.1", 0)))
        .get(0);
  }

  /** Keep-alive connections each sending a GET as soon as the previous response ended. */
  private static final class Driver {
    private final List<Channel> channels = new ArrayList<>();
    private final AtomicLong responses = new AtomicLong();
    private final String host;
    private volatile boolean running;

    Driver(Transport transport, EventLoopGroup loop, InetSocketAddress target, int connections) {
      this.host = "127.0.0.1:" + target.getPort();
      Bootstrap bootstrap =
          new Bootstrap()
              .group(loop)
              .channel(transport.channel())
              .option(ChannelOption.TCP_NODELAY, true)
              .handler(
                  new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                      ch.pipeline()
                          .addLast(new HttpClientCodec())
                          .addLast(
                              new ChannelInboundHandlerAdapter() {
                                @Override
                                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                                  boolean last = msg instanceof LastHttpContent;
                                  ReferenceCountUtil.release(msg);
                                  if (last) {
                                    responses.incrementAndGet();
                                    if (running) {
                                      send(ctx.channel(), host);
                                    }
                                  }
                                }
                              });
                    }
                  });
      for (int i = 0; i < connections; i++) {
        channels.add(bootstrap.connect(target).syncUninterruptibly().channel());
      }
    }

    private static void send(Channel channel, String host) {
      var request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, "/");
      request.headers().set(HttpHeaderNames.HOST, host);
      channel.writeAndFlush(request, channel.voidPromise());
    }

    /** Drives the connections for {@code millis}; returns the loop's CPU nanoseconds/request. */
    double run(long loopThread, long millis) throws InterruptedException {
      var threads = ManagementFactory.getThreadMXBean();
      running = true;
      for (Channel channel : channels) {
        channel.eventLoop().execute(() -> send(channel, host));
      }
      Thread.sleep(200);
      long cpu0 = threads.getThreadCpuTime(loopThread);
      long n0 = responses.get();
      Thread.sleep(millis);
      long cpu1 = threads.getThreadCpuTime(loopThread);
      long n1 = responses.get();
      running = false;
      Thread.sleep(200);
      return (double) (cpu1 - cpu0) / (n1 - n0);
    }
  }

  private RequestPathBench() {}
}
