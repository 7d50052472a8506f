package io.prescal.proxy.upstream;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.FastThreadLocal;
import io.prescal.common.event.BackendState;
import io.prescal.proxy.config.TimeoutConfig;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.server.Transport;
import java.util.ArrayDeque;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Keep-alive backend connections, pooled per event loop: a client connection only ever uses
 * connections of its own loop, so neither side needs locks and no bytes cross threads. A connection
 * idle in the pool for {@code upstreamIdle} is closed.
 */
public final class UpstreamPool {
  /** Pipeline name of the HTTP codec of a backend connection. */
  public static final String CODEC = "http-client-codec";

  /** Pipeline name of the fast path for plain responses, in front of the codec. */
  public static final String FAST_PATH = "response-fast-path";

  private static final int MAX_IDLE_PER_BACKEND = 1024;
  private final Transport transport;
  private final Supplier<TimeoutConfig> timeouts;
  // One set per event loop thread, found through the thread itself: the map keyed by event loop it
  // replaces showed up in profiles at about 2% of the request path (two lookups per request).
  private final FastThreadLocal<LoopConnections> loops =
      new FastThreadLocal<>() {
        @Override
        protected LoopConnections initialValue() {
          return new LoopConnections();
        }
      };

  public UpstreamPool(Transport transport, Supplier<TimeoutConfig> timeouts) {
    this.transport = transport;
    this.timeouts = timeouts;
  }

  /**
   * An idle pooled connection to {@code backend} on {@code loop}, or null; call on {@code loop}.
   */
  public Channel pooled(Backend backend, EventLoop loop) {
    return connections(loop).poll(backend);
  }

  /** Opens a new connection to {@code backend} on {@code loop}. */
  public ChannelFuture connect(Backend backend, EventLoop loop) {
    TimeoutConfig t = timeouts.get();
    return new Bootstrap()
        .group(loop)
        .channel(transport.channel())
        .option(ChannelOption.AUTO_READ, false)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.ALLOCATOR, Transport.ALLOCATOR)
        .option(ChannelOption.SO_KEEPALIVE, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) t.connect().toMillis())
        .handler(
            new ChannelInitializer<>() {
              @Override
              protected void initChannel(Channel ch) {
                BackendHttpCodec codec = new BackendHttpCodec();
                ch.pipeline()
                    .addLast(FAST_PATH, new ResponseFastPath(codec))
                    .addLast(CODEC, codec)
                    .addLast(new BackendResponseHandler());
              }
            })
        .connect(backend.address());
  }

  /** Returns a connection whose response ended cleanly, for reuse; call on its loop. */
  public void release(Backend backend, Channel channel) {
    // Only a backend that still takes new requests keeps idle connections.
    if (!channel.isActive() || backend.state() != BackendState.READY) {
      channel.close();
      return;
    }
    long idleNanos = timeouts.get().upstreamIdle().toNanos();
    connections(channel.eventLoop()).offer(backend, channel, idleNanos);
  }

  /** Closes the idle connections to {@code backend} on every loop (it left the pool). */
  public void closeIdle(Backend backend, EventLoopGroup group) {
    for (var executor : group) {
      EventLoop loop = (EventLoop) executor;
      loop.execute(() -> connections(loop).closeAll(backend));
    }
  }

  /** The response handler of a connection opened here (always the pipeline's last handler). */
  public static BackendResponseHandler handler(Channel channel) {
    return (BackendResponseHandler) channel.pipeline().last();
  }

  private LoopConnections connections(EventLoop loop) {
    assert loop.inEventLoop() : "pooled connections are only touched from their own loop";
    return loops.get();
  }

  /** One loop's idle connections; touched only from that loop. */
  private static final class LoopConnections {
    private final Map<Backend, ArrayDeque<Channel>> idle = new IdentityHashMap<>();

    Channel poll(Backend backend) {
      ArrayDeque<Channel> queue = idle.get(backend);
      while (queue != null && !queue.isEmpty()) {
        Channel channel = queue.pollLast();
        if (channel.isActive()) {
          return channel;
        }
      }
      return null;
    }

    void offer(Backend backend, Channel channel, long idleNanos) {
      ArrayDeque<Channel> queue = idle.computeIfAbsent(backend, b -> new ArrayDeque<>());
      if (queue.size() >= MAX_IDLE_PER_BACKEND) {
        channel.close();
        return;
      }
      queue.addLast(channel);
      BackendResponseHandler handler = handler(channel);
      IdleListener listener = handler.idleListener();
      if (listener == null || listener.queue != queue) {
        listener = new IdleListener(channel, queue, handler);
        handler.idleListener(listener);
      }
      listener.parked(idleNanos);
      // A read stays pending while idle so that a backend closing the connection is noticed.
      channel.read();
    }

    void closeAll(Backend backend) {
      ArrayDeque<Channel> queue = idle.remove(backend);
      if (queue != null) {
        queue.forEach(Channel::close);
      }
    }
  }

  /**
   * Holds a pooled connection: anything but silence ends it, and so does idling too long. One per
   * connection, reused each time it is parked; its timer is re-armed lazily, so a request does not
   * schedule or cancel anything.
   */
  static final class IdleListener implements UpstreamListener, Runnable {
    private final Channel channel;
    private final ArrayDeque<Channel> queue;
    private final BackendResponseHandler handler;
    private long parkedAtNanos;
    private long idleNanos;
    private boolean timerArmed;

    IdleListener(Channel channel, ArrayDeque<Channel> queue, BackendResponseHandler handler) {
      this.channel = channel;
      this.queue = queue;
      this.handler = handler;
    }

    void parked(long idleNanos) {
      this.idleNanos = idleNanos;
      parkedAtNanos = System.nanoTime();
      handler.listener(this);
      if (!timerArmed) {
        timerArmed = true;
        channel.eventLoop().schedule(this, idleNanos, TimeUnit.NANOSECONDS);
      }
    }

    /** The idle check: closes the connection if it is still parked and has idled long enough. */
    @Override
    public void run() {
      timerArmed = false;
      if (handler.listener() != this || !channel.isActive()) {
        return;
      }
      long left = idleNanos - (System.nanoTime() - parkedAtNanos);
      if (left <= 0) {
        queue.remove(channel);
        channel.close();
      } else {
        timerArmed = true;
        channel.eventLoop().schedule(this, left, TimeUnit.NANOSECONDS);
      }
    }

    @Override
    public void onUpstreamRead(Object msg) {
      ReferenceCountUtil.release(msg);
      queue.remove(channel);
      channel.close();
    }

    @Override
    public void onUpstreamClosed(Throwable cause) {
      queue.remove(channel);
    }
  }
}
