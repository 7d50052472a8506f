package io.prescal.traffic.engine;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import java.util.ArrayDeque;
import java.util.List;

/**
 * One scheme://host:port as a worker sees it: how to connect (and in which protocol), which targets
 * live there, and (open model) its connections with room and the requests waiting for one. Owned by
 * one event loop.
 *
 * <p>The pipeline is chosen here, once per connection: plain HTTP/1.1 is the connection handler
 * alone, as it always was; TLS puts an {@link SslHandler} before it; HTTP/2 puts Netty's HTTP/2
 * handler before it (for h2 after the handshake, once ALPN chose h2).
 */
final class Origin {

  /** Pipeline names: the TLS step and the HTTP/2 framing step, before {@link Worker#HANDLER}. */
  static final String TLS = "tls";

  static final String HTTP2 = "http2";

  final Target first;
  final Bootstrap bootstrap;
  final ArrayDeque<Connection> idle = new ArrayDeque<>();
  final PendingRequests pending = new PendingRequests();
  int connecting;

  /** Whether a connection is ready as soon as TCP connected (plain HTTP/1.1). */
  final boolean readyOnConnect;

  /** Requests one connection carries at once: {@code --streams} for HTTP/2, else 1. */
  final int perConnection;

  private final List<Target> targets;
  private final ByteBuf[] requests;
  private final Http2Requests http2Requests;
  private int nextTarget;

  Origin(Worker worker, List<Target> targets) {
    this.targets = List.copyOf(targets);
    this.first = targets.getFirst();
    Wire wire = worker.plan.wire();
    boolean head = first.head();
    boolean tls = first.tls();
    boolean http2 = wire.http2();
    this.readyOnConnect = !tls && !http2;
    this.perConnection = http2 ? wire.streams() : 1;
    boolean oneShot = !first.spec().keepAlive();
    Origin origin = this;
    this.bootstrap =
        new Bootstrap()
            .group(worker.loop)
            .channel(worker.plan.transport().socketChannel())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) worker.plan.connectTimeout().toMillis())
            .remoteAddress(first.address())
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ChannelPipeline p = ch.pipeline();
                    SslHandler ssl =
                        tls
                            ? wire.tls()
                                .newHandler(ch.alloc(), first.host(), first.address().getPort())
                            : null;
                    if (ssl != null) {
                      p.addLast(TLS, ssl);
                    }
                    Connection c;
                    if (http2) {
                      Http2ClientConnection h2 =
                          new Http2ClientConnection(worker, origin, perConnection, oneShot);
                      if (ssl == null) {
                        p.addLast(HTTP2, h2.protocolHandler());
                      }
                      c = h2;
                    } else {
                      c = new Http1Connection(worker, origin, head);
                    }
                    p.addLast(Worker.HANDLER, c);
                    if (ssl != null) {
                      c.awaitHandshake(ssl);
                    }
                  }
                });
    // The worker's master copies; each HTTP/1.1 connection copies them once more to write them
    // again and again without allocating.
    this.requests = new ByteBuf[targets.size()];
    for (int i = 0; i < requests.length; i++) {
      byte[] bytes = targets.get(i).request();
      requests[i] = Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    }
    this.http2Requests = http2 ? new Http2Requests(targets) : null;
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

  /** The HTTP/2 form of the requests (HTTP/2 runs only). */
  Http2Requests http2Requests() {
    return http2Requests;
  }

  /** Releases the request bytes, once the worker is done. */
  void release() {
    for (ByteBuf b : requests) {
      b.release();
    }
    if (http2Requests != null) {
      http2Requests.release();
    }
  }
}
