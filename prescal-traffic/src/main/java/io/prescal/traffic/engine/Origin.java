package io.prescal.traffic.engine;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One host:port as a worker sees it: how to connect, which targets live there, and (open model) its
 * idle connections and the requests waiting for one. Owned by one event loop.
 */
final class Origin {

  final InetSocketAddress address;
  final Bootstrap bootstrap;
  final ArrayDeque<ClientConnection> idle = new ArrayDeque<>();
  final PendingRequests pending = new PendingRequests();
  int connecting;
  private final List<Target> targets;
  private final ByteBuf[] requests;
  private int nextTarget;

  Origin(Worker worker, InetSocketAddress address, List<Target> targets) {
    this.address = address;
    this.targets = List.copyOf(targets);
    boolean head = targets.getFirst().head();
    Origin origin = this;
    this.bootstrap =
        new Bootstrap()
            .group(worker.loop)
            .channel(worker.plan.transport().socketChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) worker.plan.connectTimeout().toMillis())
            .remoteAddress(address)
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(Worker.HANDLER, new ClientConnection(worker, origin, head));
                  }
                });
    // The worker's master copies; each connection copies them once more to write them again and
    // again without allocating.
    this.requests = new ByteBuf[targets.size()];
    for (int i = 0; i < requests.length; i++) {
      byte[] bytes = targets.get(i).request();
      requests[i] = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    }
  }

  /** Index of the next target at this origin, taken in turn. */
  int nextTarget() {
    int t = nextTarget;
    nextTarget = nextTarget + 1 == targets.size() ? 0 : nextTarget + 1;
    return t;
  }

  /** Number of targets at this origin. */
  int targets() {
    return requests.length;
  }

  /** A copy of target {@code i}'s request bytes, for a connection to own and rewrite. */
  ByteBuf copyOf(int i) {
    return requests[i].copy();
  }

  /** Releases the request bytes, once the worker is done. */
  void release() {
    for (ByteBuf b : requests) {
      b.release();
    }
  }
}
