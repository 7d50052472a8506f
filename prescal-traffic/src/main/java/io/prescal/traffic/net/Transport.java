package io.prescal.traffic.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The socket transport: native epoll when the platform has it (fewer copies and syscalls, like
 * wrk), NIO otherwise.
 *
 * @param name "epoll" or "nio", for reports
 * @param socketChannel the client channel class
 * @param serverChannel the server channel class
 * @param factory the I/O handler factory of the event loops
 */
public record Transport(
    String name,
    Class<? extends SocketChannel> socketChannel,
    Class<? extends ServerChannel> serverChannel,
    IoHandlerFactory factory) {

  /** The best transport available here. */
  public static Transport best() {
    if (Epoll.isAvailable()) {
      return new Transport(
          "epoll",
          EpollSocketChannel.class,
          EpollServerSocketChannel.class,
          EpollIoHandler.newFactory());
    }
    return new Transport(
        "nio", NioSocketChannel.class, NioServerSocketChannel.class, NioIoHandler.newFactory());
  }

  /**
   * A group of {@code threads} event loops whose daemon threads are named {@code prefix-N}. They
   * are Netty's {@link FastThreadLocalThread}s: on any other thread Netty's recycler hands out a
   * new object every time (a write's outbound entry, one per request) and its allocators skip their
   * thread-local caches.
   */
  public EventLoopGroup newGroup(int threads, String prefix) {
    AtomicInteger next = new AtomicInteger(1);
    ThreadFactory names =
        task -> {
          Thread t = new FastThreadLocalThread(null, task, prefix + "-" + next.getAndIncrement());
          t.setDaemon(true);
          return t;
        };
    return new MultiThreadIoEventLoopGroup(threads, names, factory);
  }
}
