package io.prescal.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http2.Http2CodecUtil;

/**
 * On a plain listener, looks once at the first bytes of a connection: a client that opens with the
 * HTTP/2 connection preface ({@code PRI * HTTP/2.0...}, h2c by prior knowledge, RFC 9113 3.3) gets
 * the HTTP/2 pipeline; any other is HTTP/1.1, and this handler leaves the pipeline at once, so an
 * HTTP/1.1 connection pays one comparison of up to 24 bytes, once. A preface that arrives in pieces
 * is gathered (at most 24 bytes); the idle timeout bounds a client that stops half-way.
 */
final class H2cPreface extends ChannelInboundHandlerAdapter {
  private static final ByteBuf PREFACE = Http2CodecUtil.connectionPrefaceBuf();
  private final ProxyContext context;
  private final Listener listener;
  private ByteBuf held;

  H2cPreface(ProxyContext context, Listener listener) {
    this.context = context;
    this.listener = listener;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof ByteBuf bytes)) {
      ctx.fireChannelRead(msg);
      return;
    }
    ByteBuf in = bytes;
    if (held != null) {
      held.writeBytes(bytes);
      bytes.release();
      in = held;
      held = null;
    }
    int preface = PREFACE.readableBytes();
    int n = Math.min(in.readableBytes(), preface);
    if (!ByteBufUtil.equals(in, in.readerIndex(), PREFACE, PREFACE.readerIndex(), n)) {
      ctx.pipeline().remove(this); // HTTP/1.1: the codec behind takes these bytes
      ctx.fireChannelRead(in);
    } else if (n < preface) {
      held = ctx.alloc().buffer(preface).writeBytes(in); // the rest of the preface is awaited
      in.release();
      ctx.read();
    } else {
      Http2Pipeline.install(ctx.channel(), context, listener);
      ctx.pipeline().remove(this);
      ctx.fireChannelRead(in);
    }
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    if (held == null) {
      ctx.fireChannelReadComplete();
    }
    // else: part of a preface: nothing for the handlers behind (nor a reason to count activity)
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    if (held != null) {
      held.release();
      held = null;
    }
  }
}
