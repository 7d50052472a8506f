package io.prescal.proxy.upstream;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The last handler of a backend connection: hands everything to the connection's holder. */
public final class BackendResponseHandler extends ChannelInboundHandlerAdapter {
  private static final Logger log = LoggerFactory.getLogger(BackendResponseHandler.class);
  private UpstreamListener listener;
  private UpstreamPool.IdleListener idleListener;
  private boolean closed;

  /** Hands the connection to {@code listener}; null drops whatever arrives. */
  public void listener(UpstreamListener listener) {
    this.listener = listener;
  }

  /** Who holds the connection now, or null. */
  UpstreamListener listener() {
    return listener;
  }

  /** The pool's holder for this connection while it idles, kept for reuse; null before. */
  UpstreamPool.IdleListener idleListener() {
    return idleListener;
  }

  void idleListener(UpstreamPool.IdleListener idleListener) {
    this.idleListener = idleListener;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (listener == null) {
      ReferenceCountUtil.release(msg);
      ctx.close();
      return;
    }
    listener.onUpstreamRead(msg);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (listener != null) {
      listener.onUpstreamReadComplete();
    }
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (listener != null) {
      listener.onUpstreamWritable();
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    closed(null);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof IOException)) {
      log.debug("backend connection {} failed", ctx.channel().remoteAddress(), cause);
    }
    closed(cause);
    ctx.close();
  }

  private void closed(Throwable cause) {
    if (!closed) {
      closed = true;
      if (listener != null) {
        listener.onUpstreamClosed(cause);
      }
    }
  }
}
