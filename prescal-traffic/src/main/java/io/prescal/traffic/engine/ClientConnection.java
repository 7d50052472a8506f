package io.prescal.traffic.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * One keep-alive connection: at most one request in flight (no pipelining, like wrk). Lives on its
 * worker's event loop and reports every outcome to it. Responses are framed by a {@link
 * ResponseParser} straight from the socket's buffers.
 */
final class ClientConnection extends ChannelInboundHandlerAdapter {

  private final Worker worker;
  private final Origin origin;
  private final ResponseParser parser;
  private final boolean head;
  private final ByteBuf[] requests;
  private Channel channel;
  private boolean busy;
  private boolean reusable = true;
  private long intendedNanos;
  private long sentNanos;
  private boolean measured;
  private long bytes;

  ClientConnection(Worker worker, Origin origin, boolean head) {
    this.worker = worker;
    this.origin = origin;
    this.head = head;
    this.parser = new ResponseParser(worker.backendHeader(), worker.scratch);
    this.requests = new ByteBuf[origin.targets()];
  }

  /**
   * Sends target {@code target}'s request. The connection writes its own copy every time: one
   * request is in flight at a time, so the previous write is done (its response came back) and the
   * bytes can be written again from the start, with no allocation.
   */
  void send(int target, long intendedNanos, long sentNanos, boolean measured) {
    ByteBuf request = requests[target];
    if (request == null) {
      request = requests[target] = origin.copyOf(target);
    }
    this.intendedNanos = intendedNanos;
    this.measured = measured;
    this.busy = true;
    this.bytes = 0;
    parser.reset(head);
    this.sentNanos = sentNanos;
    channel.writeAndFlush(request.retain().readerIndex(0), channel.voidPromise());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    // Before the connect promise's listeners run (channelActive comes after them).
    channel = ctx.channel();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    try {
      if (!busy) {
        // Bytes nobody asked for: the connection cannot be trusted any more.
        reusable = false;
        channel.close();
        return;
      }
      int before = in.readableBytes();
      ResponseParser.Result result = parser.parse(in);
      bytes += before - in.readableBytes();
      switch (result) {
        case COMPLETE -> {
          busy = false;
          reusable = parser.keepAlive() && !in.isReadable();
          worker.completed(this);
        }
        case ERROR -> finishWithError(ErrorClass.PROTOCOL);
        case NEED_MORE -> {}
      }
    } finally {
      ReferenceCountUtil.release(in);
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
      if (parser.endsAtClose()) {
        worker.completed(this);
      } else {
        worker.failed(this, ErrorClass.RESET);
      }
    }
    worker.closed(this);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    for (ByteBuf b : requests) {
      if (b != null) {
        b.release();
      }
    }
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
    return parser.status();
  }

  String backend() {
    return parser.backend();
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
