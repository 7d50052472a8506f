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
import io.netty.channel.uring.IoUring;
import io.netty.channel.uring.IoUringIoHandler;
import io.netty.channel.uring.IoUringServerSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket implementation: io_uring when the kernel allows it, native epoll when it does not,
 * Java NIO elsewhere.
 *
 * <p>io_uring first because it is measured cheaper: under wrk load through one event loop, the
 * proxy spent about 7% less CPU per request than on epoll (system time 13.7 against 15.2 us, user
 * time 4.2 against 4.4 us, ten alternating rounds, bench/RESULTS-proxy.md). Its completions come in
 * batches, so a loop iteration costs fewer system calls. Kernels before 5.x, containers whose
 * seccomp profile blocks io_uring (Docker 25 and later by default) and other systems make {@link
 * IoUring#isAvailable()} false, and the next transport is used.
 *
 * @param name "io_uring", "epoll" or "nio"
 * @param ioHandler the event loops' I/O handler factory
 * @param serverChannel the listening socket class
 * @param channel the connected socket class
 */
public record Transport(
    String name,
    IoHandlerFactory ioHandler,
    Class<? extends ServerChannel> serverChannel,
    Class<? extends Channel> channel) {
  private static final Logger log = LoggerFactory.getLogger(Transport.class);

  /** The system property that picks a transport: io_uring, epoll or nio. */
  public static final String PROPERTY = "prescal.transport";

  /** The transports in order of preference. */
  public static final List<String> NAMES = List.of("io_uring", "epoll", "nio");

  /**
   * The buffer allocator of the request path (client and backend connections alike: buffers read on
   * one side are written on the other). Netty 4.2's default, the adaptive allocator, spent about
   * 15% of the request path's Java samples allocating (profiled under wrk load); the pooled
   * allocator's per-thread caches make an allocation a few field reads, at the same RSS in the
   * 1,000-connection check of bench/proxy-vs-peers.sh.
   */
  public static final ByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

  /**
   * The best transport this machine has, or the one {@code -Dprescal.transport} names; a named one
   * that is not available here gives way to the next in {@link #NAMES}, with a warning saying why.
   */
  public static Transport detect() {
    return choose(System.getProperty(PROPERTY, NAMES.getFirst()));
  }

  /**
   * The transport {@code wanted} (one of {@link #NAMES}), or the first available one after it.
   *
   * @throws IllegalArgumentException when {@code wanted} is not a transport's name
   */
  static Transport choose(String wanted) {
    String name = wanted.trim().toLowerCase(Locale.ROOT);
    int first = NAMES.indexOf(name);
    if (first < 0) {
      throw new IllegalArgumentException(
          "-D" + PROPERTY + "=" + wanted + " is not a transport; expected one of " + NAMES);
    }
    List<String> unavailable = new ArrayList<>();
    for (String candidate : NAMES.subList(first, NAMES.size())) {
      Throwable cause = unavailability(candidate);
      if (cause == null) {
        if (!unavailable.isEmpty() && System.getProperty(PROPERTY) != null) {
          log.warn(
              "transport {} is not available here ({}); using {}", name, unavailable, candidate);
        } else if (!unavailable.isEmpty()) {
          log.debug("transports not available here: {}", unavailable);
        }
        return of(candidate);
      }
      unavailable.add(candidate + ": " + cause);
    }
    throw new AssertionError("NIO is always available");
  }

  /** Why a transport cannot run here, or null when it can. */
  private static Throwable unavailability(String name) {
    return switch (name) {
      case "io_uring" -> IoUring.isAvailable() ? null : IoUring.unavailabilityCause();
      case "epoll" -> Epoll.isAvailable() ? null : Epoll.unavailabilityCause();
      default -> null;
    };
  }

  private static Transport of(String name) {
    return switch (name) {
      case "io_uring" ->
          new Transport(
              name,
              IoUringIoHandler.newFactory(),
              IoUringServerSocketChannel.class,
              IoUringSocketChannel.class);
      case "epoll" ->
          new Transport(
              name,
              EpollIoHandler.newFactory(),
              EpollServerSocketChannel.class,
              EpollSocketChannel.class);
      default ->
          new Transport(
              name,
              NioIoHandler.newFactory(),
              NioServerSocketChannel.class,
              NioSocketChannel.class);
    };
  }

  /** A group of {@code threads} event loops (0: one per core) with named threads. */
  public EventLoopGroup newGroup(int threads, String threadName) {
    int count = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
    return new MultiThreadIoEventLoopGroup(
        count, new DefaultThreadFactory(threadName, true), ioHandler);
  }
}
