package io.prescal.proxy.admin;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an admin connection that has not delivered a complete request within the idle timeout of
 * opening or of its last answer. Unlike a read timeout, bytes trickling in do not extend it (a slow
 * head or body is no way to hold a connection open), and a request being served (a reload, say) is
 * never cut off, nor one pipelined behind it. Sits after the aggregator, so it sees whole requests
 * only; runs on the channel's event loop.
 */
final class AdminIdleTimeout extends ChannelDuplexHandler {
  private final long nanos;
  private ScheduledFuture<?> deadline;
  private int unanswered;

  AdminIdleTimeout(Duration timeout) {
    this.nanos = timeout.toNanos();
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    arm(ctx);
    super.channelActive(ctx);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    if (msg instanceof FullHttpRequest) {
      unanswered++;
      disarm();
    }
    super.channelRead(ctx, msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
      throws Exception {
    if (msg instanceof FullHttpResponse) {
      promise = promise.unvoid();
      promise.addListener(
          f -> {
            if (--unanswered <= 0) {
              unanswered = 0;
              arm(ctx);
            }
          });
    }
    super.write(ctx, msg, promise);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    disarm();
    super.channelInactive(ctx);
  }

  private void arm(ChannelHandlerContext ctx) {
    disarm();
    if (ctx.channel().isActive()) {
      deadline = ctx.executor().schedule(() -> ctx.close(), nanos, TimeUnit.NANOSECONDS);
    }
  }

  private void disarm() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
