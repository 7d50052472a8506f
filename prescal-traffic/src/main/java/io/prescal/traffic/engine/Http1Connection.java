package io.prescal.traffic.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.util.ReferenceCountUtil;

/**
 * One HTTP/1.1 keep-alive connection, plain or over TLS: at most one request in flight (no
 * pipelining, like wrk). Reports every outcome to its worker. Responses are framed by a {@link
 * ResponseParser} straight from the socket's (or TLS's) buffers.
 */
final class Http1Connection extends Connection {

  private final ResponseParser parser;
  private final boolean head;
  private final ByteBuf[] requests;
  private final Exchange exchange = new Exchange();
  private boolean busy;
  private boolean reusable = true;

  Http1Connection(Worker worker, Origin origin, boolean head) {
    super(worker, origin);
    this.head = head;
    this.parser = new ResponseParser(worker.backendHeader(), worker.scratch);
    this.requests = new ByteBuf[origin.targets()];
  }

  /**
   * Sends target {@code target}'s request. The connection writes its own copy every time: one
   * request is in flight at a time, so the previous write is done (its response came back) and the
   * bytes can be written again from the start, with no allocation.
   */
  @Override
  void send(int target, long intendedNanos, long sentNanos, boolean measured) {
    ByteBuf request = requests[target];
    if (request == null) {
      request = requests[target] = origin.copyOf(target);
    }
    exchange.start(intendedNanos, sentNanos, measured);
    busy = true;
    parser.reset(head);
    channel.writeAndFlush(request.retain().readerIndex(0), channel.voidPromise());
  }

  @Override
  void secured(String alpn) {
    // Only http/1.1 was offered: a server may choose it or nothing.
    if (alpn == null || alpn.equals(ApplicationProtocolNames.HTTP_1_1)) {
      ready();
    } else {
      failSetup(new SetupFailure.ProtocolMismatch("the server chose \"" + alpn + "\" in ALPN"));
    }
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
      exchange.bytes += before - in.readableBytes();
      switch (result) {
        case COMPLETE -> {
          busy = false;
          reusable = parser.keepAlive() && !in.isReadable();
          exchange.status = parser.status();
          exchange.backend = parser.backend();
          worker.completed(this, exchange);
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
    worker.failed(exchange, error);
    channel.close();
  }

  @Override
  boolean late(long nowNanos, long timeoutNanos) {
    return busy && nowNanos - exchange.sentNanos > timeoutNanos;
  }

  /** Ends the request in flight with a timeout and closes the connection. */
  @Override
  void timeOut(long nowNanos, long timeoutNanos) {
    if (late(nowNanos, timeoutNanos)) {
      finishWithError(ErrorClass.TIMEOUT);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    reusable = false;
    if (busy) {
      busy = false;
      if (parser.endsAtClose()) {
        exchange.status = parser.status();
        exchange.backend = parser.backend();
        worker.completed(this, exchange);
      } else {
        worker.failed(exchange, ErrorClass.RESET);
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
    // I/O errors (reset by peer, broken pipe) end the connection; channelInactive reports them. One
    // before it is ready (a failed TLS handshake) is why it never was.
    if (!isReady()) {
      failSetup(cause);
    }
    ctx.close();
  }

  @Override
  boolean hasRoom() {
    return !busy && reusable();
  }

  @Override
  boolean reusable() {
    return reusable && channel.isActive();
  }

  @Override
  int inFlight() {
    return busy ? 1 : 0;
  }

  @Override
  void close() {
    reusable = false;
    super.close();
  }
}
