package io.prescal.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.prescal.proxy.config.LimitsConfig;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Bounds a listener's client connections, on its server channel, before a connection gets a
 * pipeline: at {@code limits.maxConnections} the listener stops accepting (the kernel's backlog
 * holds what comes meanwhile, and refuses beyond it) and accepts again once a connection closes; a
 * connection over {@code limits.maxConnectionsPerClient} from one address is closed at once. The
 * limits are read per connection, so a reload changes them.
 */
final class ConnectionLimiter extends ChannelInboundHandlerAdapter {
  private final Supplier<ProxySettings> settings;
  private final ListenerStats stats;
  private final ConcurrentHashMap<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();
  private volatile boolean paused;
  private Channel server;

  ConnectionLimiter(Supplier<ProxySettings> settings, ListenerStats stats) {
    this.settings = settings;
    this.stats = stats;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    server = ctx.channel();
  }

  /** A connection was accepted ({@code msg}, not yet registered with an event loop). */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    Channel child = (Channel) msg;
    LimitsConfig limits = settings.get().limits();
    int open = stats.opened();
    if (open > limits.maxConnections()) {
      // Accepted in the batch that reached the limit, after accepting stopped.
      stats.closed();
      stats.countOverLimit();
      child.unsafe().closeForcibly();
      return;
    }
    InetAddress client = null;
    if (limits.maxConnectionsPerClient() > 0
        && child.remoteAddress() instanceof InetSocketAddress remote) {
      client = remote.getAddress();
      AtomicInteger count = perClient.computeIfAbsent(client, a -> new AtomicInteger());
      if (count.incrementAndGet() > limits.maxConnectionsPerClient()) {
        release(client);
        stats.closed();
        stats.countPerClient();
        child.unsafe().closeForcibly();
        return;
      }
    }
    InetAddress counted = client;
    child.closeFuture().addListener((ChannelFutureListener) f -> onClosed(counted));
    if (open == limits.maxConnections() && !paused) {
      paused = true;
      stats.countPause();
      ctx.channel().config().setAutoRead(false);
    }
    ctx.fireChannelRead(child);
  }

  private void onClosed(InetAddress client) {
    int open = stats.closed();
    if (client != null) {
      release(client);
    }
    if (paused && open < settings.get().limits().maxConnections()) {
      server.eventLoop().execute(this::resume);
    }
  }

  private void resume() {
    if (paused && stats.open() < settings.get().limits().maxConnections()) {
      paused = false;
      server.config().setAutoRead(true);
    }
  }

  private void release(InetAddress client) {
    perClient.computeIfPresent(client, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
  }
}
