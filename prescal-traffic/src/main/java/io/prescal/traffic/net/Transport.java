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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The socket transport: io_uring where the kernel allows it, native epoll where it does not (fewer
 * copies and syscalls than NIO, like wrk), NIO elsewhere. {@code -Dprescal.transport=epoll} or
 * {@code nio} picks a later one, as for the proxy.
 *
 * <p>io_uring first because it is measured faster: closed model against wrk on the same nginx, five
 * alternating rounds, 1.08x wrk's rate at one thread and 1.16x at two, against 0.95x and 0.98x on
 * epoll in the same session (bench/RESULTS-traffic.md). Submissions and completions come in
 * batches, so a loop iteration costs fewer system calls.
 *
 * @param name "io_uring", "epoll" or "nio", for reports
 * @param socketChannel the client channel class
 * @param serverChannel the server channel class
 * @param factory the I/O handler factory of the event loops
 */
public record Transport(
    String name,
    Class<? extends SocketChannel> socketChannel,
    Class<? extends ServerChannel> serverChannel,
    IoHandlerFactory factory) {

  /** The best transport available here, or a later one that -Dprescal.transport names. */
  public static Transport best() {
    String wanted = System.getProperty("prescal.transport", "io_uring");
    if (wanted.equals("io_uring") && IoUring.isAvailable()) {
      return new Transport(
          "io_uring",
          IoUringSocketChannel.class,
          IoUringServerSocketChannel.class,
          IoUringIoHandler.newFactory());
    }
    if (!wanted.equals("nio") && Epoll.isAvailable()) {
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
