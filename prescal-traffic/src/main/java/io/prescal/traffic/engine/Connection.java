package io.prescal.traffic.engine;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import javax.net.ssl.SSLSession;

/**
 * One connection as the models see it, whatever its protocol: how many more requests it takes now
 * ({@link #hasRoom}), whether it takes any later ({@link #reusable}), and the outcome of each
 * request reported to its worker. Made when the connect starts; it is <em>ready</em> once it can
 * carry a request: at once for plain HTTP/1.1, after the TLS handshake (and its ALPN check) for
 * https, and after the server's SETTINGS for HTTP/2. Lives on its worker's event loop.
 */
abstract class Connection extends ChannelInboundHandlerAdapter {

  final Worker worker;
  final Origin origin;
  Channel channel;

  /** Open model: whether it is in its origin's list of connections with room. */
  boolean listed;

  /** Closed model: whether its loop ended (the budget is spent); it closes once idle. */
  boolean ended;

  private final long startNanos = System.nanoTime();
  private long activeNanos;
  private long handshakeNanos = -1;
  private long readyNanos = -1;
  private Throwable setupFailure;

  Connection(Worker worker, Origin origin) {
    this.worker = worker;
    this.origin = origin;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // Before the connect promise's listeners run (channelActive comes after them).
    channel = ctx.channel();
  }

  /**
   * The TCP connect completed at {@code nowNanos}. Called by the connect promise's listener, which
   * runs before channelActive, where a TLS handshake starts.
   */
  final void connected(long nowNanos) {
    activeNanos = nowNanos;
  }

  /**
   * HTTPS: once the handshake is done, checks what ALPN chose and goes on with {@link #secured}.
   */
  final void awaitHandshake(SslHandler ssl) {
    ssl.handshakeFuture()
        .addListener(
            (Future<Channel> f) -> {
              if (!f.isSuccess()) {
                failSetup(f.cause());
                return;
              }
              long now = System.nanoTime();
              handshakeNanos = now - activeNanos;
              SSLSession session = ssl.engine().getSession();
              worker.stats.tlsSession(session.getProtocol() + " " + session.getCipherSuite());
              secured(ssl.applicationProtocol());
            });
  }

  /** The handshake succeeded and ALPN chose {@code alpn} (null: none); go on or fail the setup. */
  abstract void secured(String alpn);

  /** The connection can carry requests: tells the worker (once). */
  final void ready() {
    if (readyNanos < 0) {
      readyNanos = System.nanoTime();
      worker.ready(this);
    }
  }

  /** Setting the connection up failed for {@code cause}: it closes and counts as not connected. */
  final void failSetup(Throwable cause) {
    if (setupFailure == null) {
      setupFailure = cause;
    }
    channel.close();
  }

  /**
   * Fails the setup when it took longer than {@code timeoutNanos} ({@code --connect-timeout}): a
   * server that accepts the connection but never finishes the handshake or never sends its HTTP/2
   * SETTINGS would otherwise hold the connection's place for the whole run.
   */
  final boolean setupLate(long nowNanos, long timeoutNanos) {
    return !isReady() && setupFailure == null && nowNanos - startNanos > timeoutNanos;
  }

  /** A connection not ready within the connect timeout. */
  static final class SetupTimeout extends Exception {
    SetupTimeout(String message) {
      super(message, null, false, false);
    }
  }

  /** Whether it became ready. */
  final boolean isReady() {
    return readyNanos >= 0;
  }

  /** Why it never became ready, when it did not (null: it just closed). */
  final Throwable setupFailure() {
    return setupFailure;
  }

  /** From the start of the connect until it was ready. */
  final long connectNanos() {
    return readyNanos - startNanos;
  }

  /** The TLS handshake's duration, or -1 without TLS. */
  final long handshakeNanos() {
    return handshakeNanos;
  }

  final Origin origin() {
    return origin;
  }

  final Channel channel() {
    return channel;
  }

  /** Whether a request may be sent on it now. */
  abstract boolean hasRoom();

  /** Whether it takes requests, now or once some in flight end (open, not going away). */
  abstract boolean reusable();

  /** Requests in flight on it. */
  abstract int inFlight();

  /**
   * Sends target {@code target}'s request; {@code sentNanos} is now (taken by the caller, which
   * needed the time anyway: one clock read per request).
   */
  abstract void send(int target, long intendedNanos, long sentNanos, boolean measured);

  /**
   * Whether a request in flight was sent more than {@code timeoutNanos} before {@code nowNanos}.
   */
  abstract boolean late(long nowNanos, long timeoutNanos);

  /** Ends the late requests with a timeout. */
  abstract void timeOut(long nowNanos, long timeoutNanos);

  void close() {
    if (channel != null) {
      channel.close();
    }
  }
}
