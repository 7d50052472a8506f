package io.prescal.traffic.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;

/**
 * One keep-alive connection: at most one request in flight (no pipelining, like wrk). Lives on its
 * worker's event loop and reports every outcome to it.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

  private final Worker worker;
  private final Origin origin;
  private Channel channel;
  private boolean busy;
  private boolean reusable = true;
  private long intendedNanos;
  private long sentNanos;
  private boolean measured;
  private int status;
  private String backend;
  private long bytes;

  ClientConnection(Worker worker, Origin origin) {
    this.worker = worker;
    this.origin = origin;
  }

  void send(ByteBuf request, long intendedNanos, boolean measured) {
    this.intendedNanos = intendedNanos;
    this.measured = measured;
    this.busy = true;
    this.status = 0;
    this.backend = null;
    this.bytes = 0;
    this.sentNanos = System.nanoTime();
    channel.writeAndFlush(request, channel.voidPromise());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // Before the connect promise's listeners run (channelActive comes after them).
    channel = ctx.channel();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (!busy) {
        return;
      }
      if (msg instanceof HttpResponse response) {
        if (response.decoderResult().isFailure()) {
          finishWithError(ErrorClass.PROTOCOL);
          return;
        }
        status = response.status().code();
        reusable = HttpUtil.isKeepAlive(response);
        if (worker.backendHeader() != null) {
          backend = response.headers().get(worker.backendHeader());
        }
      }
      if (msg instanceof HttpContent content) {
        bytes += content.content().readableBytes();
        if (content.decoderResult().isFailure()) {
          finishWithError(ErrorClass.PROTOCOL);
          return;
        }
      }
      if (msg instanceof LastHttpContent) {
        busy = false;
        worker.completed(this);
      }
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }

  private void finishWithError(ErrorClass error) {
    busy = false;
    reusable = false;
    worker.failed(this, error);
    channel.close();
  }

  /** Ends the request in flight with a timeout and closes the connection. */
  void timeOut() {
    if (busy) {
      finishWithError(ErrorClass.TIMEOUT);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    reusable = false;
    if (busy) {
      busy = false;
      worker.failed(this, ErrorClass.RESET);
    }
    worker.closed(this);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // I/O errors (reset by peer, broken pipe) end the connection; channelInactive reports them.
    ctx.close();
  }

  boolean busy() {
    return busy;
  }

  boolean reusable() {
    return reusable && channel.isActive();
  }

  Origin origin() {
    return origin;
  }

  Channel channel() {
    return channel;
  }

  long intendedNanos() {
    return intendedNanos;
  }

  long sentNanos() {
    return sentNanos;
  }

  boolean measured() {
    return measured;
  }

  int status() {
    return status;
  }

  String backend() {
    return backend;
  }

  long bytes() {
    return bytes;
  }

  void close() {
    reusable = false;
    if (channel != null) {
      channel.close();
    }
  }
}
