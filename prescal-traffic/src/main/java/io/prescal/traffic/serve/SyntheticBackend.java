package io.prescal.traffic.serve;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.prescal.traffic.net.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synthetic backend server. {@link #drain} is what SIGTERM does: stop accepting, let requests
 * in flight finish (new ones on open connections are still answered, with {@code Connection:
 * close}), then close every connection.
 */
public final class SyntheticBackend implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(SyntheticBackend.class);
  private static final int MAX_BODY = 8 * 1024 * 1024;

  private final BackendSettings settings;
  private final BackendState state = new BackendState();
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final Channel server;
  private final SyntheticHandler handler;
  private boolean closed;

  private SyntheticBackend(BackendSettings settings) throws InterruptedException {
    this.settings = settings;
    Transport transport = Transport.best();
    this.boss = transport.newGroup(1, "serve-accept");
    this.workers = transport.newGroup(settings.threads(), "serve");
    this.handler = new SyntheticHandler(settings, state);
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(transport.serverChannel())
            .option(ChannelOption.SO_BACKLOG, 1024)
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    channels.add(ch);
                    ch.pipeline()
                        .addLast("http", new HttpServerCodec())
                        .addLast("aggregate", new HttpObjectAggregator(MAX_BODY))
                        .addLast("synthetic", SyntheticBackend.this.handler);
                  }
                });
    this.server = bootstrap.bind(settings.bind(), settings.port()).sync().channel();
    state.identity(settings.id() != null ? settings.id() : defaultIdentity(port()));
    long delay = settings.startupDelay().toNanos();
    workers.schedule(this::markReady, delay, TimeUnit.NANOSECONDS);
  }

  /**
   * Starts a backend.
   *
   * @throws IllegalStateException when the port cannot be bound, naming it
   */
  public static SyntheticBackend start(BackendSettings settings) throws InterruptedException {
    try {
      return new SyntheticBackend(settings);
    } catch (Exception e) {
      if (e instanceof InterruptedException ie) {
        throw ie;
      }
      throw new IllegalStateException(
          "cannot listen on "
              + settings.bind()
              + ":"
              + settings.port()
              + " ("
              + e.getMessage()
              + "); pick another --port or --bind");
    }
  }

  private static String defaultIdentity(int port) {
    try {
      return java.net.InetAddress.getLocalHost().getHostName() + ":" + port;
    } catch (java.net.UnknownHostException e) {
      return "serve:" + port;
    }
  }

  /** The identity it sends in {@code X-Served-By}. */
  public String identity() {
    return state.identity();
  }

  private void markReady() {
    state.markStarted();
    LOG.debug("ready");
  }

  /** The port it listens on. */
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Requests in flight now. */
  public int inFlight() {
    return state.inFlight();
  }

  /** Stops accepting, waits (up to the drain timeout) for requests in flight, then closes. */
  public int drain() {
    state.markDraining();
    server.close().syncUninterruptibly();
    long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
    while (state.inFlight() > 0 && System.nanoTime() - deadline < 0) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    int abandoned = state.inFlight();
    close();
    return abandoned;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.close().syncUninterruptibly();
    channels.close().awaitUninterruptibly(1, TimeUnit.SECONDS);
    boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    handler.release();
  }
}
