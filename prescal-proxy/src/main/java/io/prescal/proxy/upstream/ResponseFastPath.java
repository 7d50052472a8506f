package io.prescal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpHeadersFactory;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.List;

/**
 * Reads the common backend response, a head and a body of known length, without Netty's HTTP
 * decoder: the head becomes a {@link RawResponseHead} that the proxy copies to the client, the body
 * passes as slices of what was read. The first response it does not serve (see {@link
 * RawHeadParser}) makes it step out of the pipeline, handing that response's bytes to the {@link
 * BackendHttpCodec} behind it, which decodes the connection from then on.
 */
public final class ResponseFastPath extends ByteToMessageDecoder {
  // Heads are parsed from a copy in a per-thread array: parsing is done before decode returns.
  private static final FastThreadLocal<byte[]> SCRATCH =
      new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
          return new byte[RawHeadParser.MAX_HEAD];
        }
      };

  /** Trailers of a body of known length are always empty: no headers object per response. */
  private static final HttpHeadersFactory NO_TRAILERS =
      new HttpHeadersFactory() {
        @Override
        public HttpHeaders newHeaders() {
          return EmptyHttpHeaders.INSTANCE;
        }

        @Override
        public HttpHeaders newEmptyHeaders() {
          return EmptyHttpHeaders.INSTANCE;
        }
      };

  private final BackendHttpCodec codec;
  private long remaining = -1; // body bytes still to come; -1 while a head is awaited

  public ResponseFastPath(BackendHttpCodec codec) {
    this.codec = codec;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (remaining < 0) {
      readHead(ctx, in, out);
      return;
    }
    int n = (int) Math.min(remaining, in.readableBytes());
    if (n == 0) {
      return;
    }
    ByteBuf part = in.readRetainedSlice(n);
    remaining -= n;
    if (remaining == 0) {
      remaining = -1;
      out.add(new DefaultLastHttpContent(part, NO_TRAILERS));
    } else {
      out.add(new DefaultHttpContent(part));
    }
  }

  private void readHead(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int n = Math.min(in.readableBytes(), RawHeadParser.MAX_HEAD);
    if (n == 0) {
      return;
    }
    HttpMethod method = codec.method();
    if (HttpMethod.CONNECT.equals(method)) {
      ctx.pipeline().remove(this);
      return;
    }
    byte[] scratch = SCRATCH.get();
    in.getBytes(in.readerIndex(), scratch, 0, n);
    Object parsed = RawHeadParser.parse(scratch, n, HttpMethod.HEAD.equals(method), in);
    if (parsed == RawHeadParser.INCOMPLETE) {
      return;
    }
    if (parsed == RawHeadParser.UNSUPPORTED) {
      // Netty's decoder behind this handler gets the bytes left in the cumulation.
      ctx.pipeline().remove(this);
      return;
    }
    RawResponseHead head = (RawResponseHead) parsed; // its bytes are read out of in already
    out.add(head);
    remaining = head.bodyInline() ? 0 : head.contentLength();
    if (remaining == 0) {
      remaining = -1;
      out.add(LastHttpContent.EMPTY_LAST_CONTENT);
    }
  }
}
