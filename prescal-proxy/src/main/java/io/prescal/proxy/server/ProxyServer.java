package io.prescal.proxy.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Accepts client connections on the configured listeners. */
public final class ProxyServer {
  private static final Logger log = LoggerFactory.getLogger(ProxyServer.class);
  private final Transport transport;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ProxyContext context;
  private final List<Channel> listeners = new ArrayList<>();
  private final List<ListenerStats> stats = new ArrayList<>();

  public ProxyServer(
      Transport transport, EventLoopGroup boss, EventLoopGroup workers, ProxyContext context) {
    this.transport = transport;
    this.boss = boss;
    this.workers = workers;
    this.context = context;
  }

  /**
   * Binds every address; fails (having bound none) with one sentence naming the address when one
   * cannot be bound.
   */
  public List<InetSocketAddress> bind(List<InetSocketAddress> addresses) {
    runWithoutLeakSampling();
    List<InetSocketAddress> bound = new ArrayList<>();
    for (InetSocketAddress address : addresses) {
      ListenerStats listener = new ListenerStats(text(address));
      ServerBootstrap bootstrap =
          new ServerBootstrap()
              .group(boss, workers)
              .channel(transport.serverChannel())
              .option(ChannelOption.SO_BACKLOG, 4096)
              .option(ChannelOption.SO_REUSEADDR, true)
              .handler(new ConnectionLimiter(context.settings(), listener))
              .childOption(ChannelOption.AUTO_READ, false)
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(ChannelOption.ALLOCATOR, Transport.ALLOCATOR)
              .childHandler(new ProxyServerInitializer(context, listener));
      try {
        Channel channel = bootstrap.bind(address).syncUninterruptibly().channel();
        listeners.add(channel);
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        bound.add(local);
        listener.boundTo(text(local));
        stats.add(listener);
      } catch (RuntimeException e) {
        close();
        throw new IllegalStateException(
            "cannot listen on "
                + address
                + " ("
                + e.getMessage()
                + "): is another process using"
                + " it? Pick another address with listen: or --listen",
            e);
      }
    }
    log.info("proxy listening on {} ({})", bound, transport.name());
    return bound;
  }

  /**
   * Netty's default leak detection samples one buffer in 128 and captures a stack trace for each:
   * profiled under load, that was 7% of the request path's own CPU time. The proxy serves without
   * it unless the JVM names a level ({@code -Dio.netty.leakDetection.level=paranoid}, as the tests
   * do).
   */
  private static void runWithoutLeakSampling() {
    if (System.getProperty("io.netty.leakDetection.level") == null
        && System.getProperty("io.netty.leakDetectionLevel") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
  }

  /** Each listener's connection counters, in the order of the addresses bound. */
  public List<ListenerStats> stats() {
    return List.copyOf(stats);
  }

  private static String text(InetSocketAddress address) {
    String host =
        address.getAddress() == null
            ? address.getHostString()
            : address.getAddress().getHostAddress();
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
  }

  /** Stops accepting new connections; open ones stay. */
  public void close() {
    listeners.forEach(c -> c.close().syncUninterruptibly());
    listeners.clear();
  }
}
