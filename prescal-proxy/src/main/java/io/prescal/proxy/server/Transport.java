package io.prescal.proxy.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The socket implementation: native epoll when the platform has it, Java NIO otherwise.
 *
 * @param name "epoll" or "nio"
 * @param ioHandler the event loops' I/O handler factory
 * @param serverChannel the listening socket class
 * @param channel the connected socket class
 */
public record Transport(
    String name,
    IoHandlerFactory ioHandler,
    Class<? extends ServerChannel> serverChannel,
    Class<? extends Channel> channel) {

  /**
   * The buffer allocator of the request path (client and backend connections alike: buffers read on
   * one side are written on the other). Netty 4.2's default, the adaptive allocator, spent about
   * 15% of the request path's Java samples allocating (profiled under wrk load); the pooled
   * allocator's per-thread caches make an allocation a few field reads, at the same RSS in the
   * 1,000-connection check of bench/proxy-vs-peers.sh.
   */
  public static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

  /** Epoll when available (and not disabled with -Dprescal.transport=nio), else NIO. */
  public static Transport detect() {
    if (Epoll.isAvailable() && !"nio".equals(System.getProperty("prescal.transport"))) {
      return new Transport(
          "epoll",
          EpollIoHandler.newFactory(),
          EpollServerSocketChannel.class,
          EpollSocketChannel.class);
    }
    return new Transport(
        "nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class);
  }

  /** A group of {@code threads} event loops (0: one per core) with named threads. */
  public EventLoopGroup newGroup(int threads, String threadName) {
    int count = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    return new MultiThreadIoEventLoopGroup(
        count, new DefaultThreadFactory(threadName, true), ioHandler);
  }
}
