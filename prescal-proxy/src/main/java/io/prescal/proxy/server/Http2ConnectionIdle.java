package io.prescal.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP/2 connection (GOAWAY, then close) that has had no stream open and nothing moving
 * either way for {@code timeouts.clientIdle}. A stream with nothing moving is closed by its own
 * request handler after the same time, as an HTTP/1.1 connection would be.
 */
final class Http2ConnectionIdle extends IdleStateHandler {
  private final Http2FrameCodec codec;

  Http2ConnectionIdle(Duration idle, Http2FrameCodec codec) {
    super(0, 0, idle.toNanos(), TimeUnit.NANOSECONDS);
    this.codec = codec;
  }

  @Override
  protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent evt) {
    if (evt.state() == IdleState.ALL_IDLE && codec.connection().numActiveStreams() == 0) {
      ctx.close();
    }
  }
}
