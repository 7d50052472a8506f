package io.prescal.proxy.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ResourceLeakDetector;
import io.prescal.proxy.config.ListenerConfig;
import io.prescal.proxy.tls.CertificateKey;
import io.prescal.proxy.tls.ServerTls;
import io.prescal.proxy.tls.TlsEngine;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private final List<ServerTls> tls = new CopyOnWriteArrayList<>();

  public ProxyServer(
      Transport transport, EventLoopGroup boss, EventLoopGroup workers, ProxyContext context) {
    this.transport = transport;
    this.boss = boss;
    this.workers = workers;
    this.context = context;
  }

  /** Binds plain HTTP listeners on {@code addresses}; see {@link #bind(List, TlsEngine)}. */
  public List<InetSocketAddress> bind(List<InetSocketAddress> addresses) {
    return bind(addresses.stream().map(ListenerConfig::plain).toList(), null);
  }

  /**
   * Binds every listener; fails (having bound none) with one sentence naming the address when one
   * cannot be bound or its certificates cannot be served.
   *
   * @param engine the TLS engine of the TLS listeners (null when there are none)
   */
  public List<InetSocketAddress> bind(List<ListenerConfig> configs, TlsEngine engine) {
    runWithoutLeakSampling();
    List<InetSocketAddress> bound = new ArrayList<>();
    for (ListenerConfig config : configs) {
      InetSocketAddress address = config.address();
      ListenerStats listener = new ListenerStats(text(address));
      ServerTls certificates = config.secure() ? certificates(config, engine) : null;
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
              .childHandler(
                  new ProxyServerInitializer(
                      context,
                      Listener.of(config, listener),
                      certificates,
                      config.h2c(),
                      config.redirectHttps()));
      try {
        Channel channel = bootstrap.bind(address).syncUninterruptibly().channel();
        listeners.add(channel);
        InetSocketAddress local = (InetSocketAddress) channel.localAddress();
        bound.add(local);
        listener.boundTo(text(local));
        stats.add(listener);
        if (certificates != null) {
          certificates.boundTo(text(local));
          tls.add(certificates);
        }
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
    log.info(
        "proxy listening on {} ({}{})",
        bound,
        transport.name(),
        engine == null ? "" : ", tls: " + engine.describe());
    return bound;
  }

  private ServerTls certificates(ListenerConfig config, TlsEngine engine) {
    try {
      return ServerTls.load(text(config.address()), config.tls(), engine);
    } catch (CertificateKey.BadFileException e) {
      close();
      throw new IllegalStateException(
          "cannot serve TLS on " + text(config.address()) + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reloads the certificates of each TLS listener whose files changed; called every second from one
   * thread, off the event loops (reading files and building contexts may take milliseconds).
   */
  public void checkCertificates() {
    for (ServerTls listener : tls) {
      listener.checkFiles();
    }
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
