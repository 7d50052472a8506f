package io.prescal.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.prescal.proxy.http.CountedHeaders;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The HTTP/1.1 codec of a client connection: Netty's {@code HttpServerCodec} (requests decoded,
 * responses encoded, each response paired with its request's method, at most 128 requests
 * pipelined; Netty refuses a request with both Transfer-Encoding and Content-Length), plus one
 * thing it cannot do: a response head the proxy already holds in wire form ({@link EncodedHead},
 * copied from a backend's head) goes out as it is, and the body parts after it pass as bytes,
 * without a trip through the encoder.
 */
public final class ClientHttpCodec
    extends CombinedChannelDuplexHandler<HttpRequestDecoder, HttpResponseEncoder> {
  private static final int MAX_PIPELINE_DEPTH = 128;
  private final ArrayDeque<HttpMethod> methods = new ArrayDeque<>(4);
  private boolean mustCloseAfterResponse;
  private boolean awaitingHead = true; // between requests: the next bytes start a head
  private long headStartNanos; // when the head being read began; 0 when none is
  private Runnable onHeadStarted = () -> {};

  /**
   * A codec decoding with {@code config}'s limits; header maps are {@link CountedHeaders} (whatever
   * {@code config} names), which {@link RequestChecks} reads.
   */
  public ClientHttpCodec(HttpDecoderConfig config) {
    init(
        new RequestDecoder(config.clone().setHeadersFactory(CountedHeaders.FACTORY)),
        new ResponseEncoder());
  }

  /** Runs {@code listener} each time a request head starts arriving and is not complete yet. */
  void onHeadStarted(Runnable listener) {
    this.onHeadStarted = listener;
  }

  /**
   * When the request head being read began ({@link System#nanoTime()}), or 0 when none is: the
   * connection is between requests with nothing of the next one read, or reading a body. A head
   * that arrives whole in one read is never timed.
   */
  long headStartNanos() {
    return headStartNanos;
  }

  /**
   * The proxy reads the connection again after a pause (an exchange ran): a partial head that
   * arrived before is timed from now, since the client could not send more meanwhile.
   */
  void restartHeadClock() {
    if (headStartNanos != 0) {
      headStartNanos = System.nanoTime();
    }
  }

  /**
   * A response head already encoded for the client; its body follows as content, or is part of
   * these bytes when {@code complete}.
   */
  public static final class EncodedHead extends DefaultByteBufHolder {
    private final boolean complete;

    public EncodedHead(ByteBuf head, boolean complete) {
      super(head);
      this.complete = complete;
    }

    /** Whether the bytes hold the whole response, its body included. */
    public boolean complete() {
      return complete;
    }
  }

  private final class RequestDecoder extends HttpRequestDecoder {
    private boolean discard;

    RequestDecoder(HttpDecoderConfig config) {
      super(config);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
        throws Exception {
      if (discard) {
        buffer.skipBytes(buffer.readableBytes());
        return;
      }
      int oldSize = out.size();
      boolean bytes = buffer.isReadable();
      super.decode(ctx, buffer, out);
      for (int i = oldSize; i < out.size(); i++) {
        Object part = out.get(i);
        if (part instanceof HttpRequest request) {
          awaitingHead = false;
          headStartNanos = 0;
          if (methods.size() >= MAX_PIPELINE_DEPTH) {
            mustCloseAfterResponse = true;
            discard = true;
            for (int j = i; j < out.size(); j++) {
              ReferenceCountUtil.release(out.get(j));
            }
            out.subList(i, out.size()).clear();
            return;
          }
          methods.add(request.method());
        }
        if (part instanceof LastHttpContent) {
          awaitingHead = true;
        }
      }
      // Bytes of a head arrived and it is not complete (the decoder holds them, or they wait in
      // the buffer): the head's clock starts now, unless it runs already.
      if (awaitingHead
          && bytes
          && headStartNanos == 0
          && (out.size() == oldSize
              || buffer.isReadable()
              || !(out.get(out.size() - 1) instanceof LastHttpContent))) {
        headStartNanos = System.nanoTime();
        onHeadStarted.run();
      }
    }
  }

  private final class ResponseEncoder extends HttpResponseEncoder {
    private HttpMethod method;
    private boolean passing; // a pre-encoded head went out; its body parts pass as bytes

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
        throws Exception {
      boolean endsResponse =
          msg instanceof LastHttpContent || (msg instanceof EncodedHead head && head.complete);
      if (mustCloseAfterResponse && endsResponse) {
        mustCloseAfterResponse = false;
        promise = promise.unvoid().addListener(ChannelFutureListener.CLOSE);
      }
      if (msg instanceof EncodedHead head) {
        methods.poll();
        passing = !head.complete;
        ctx.write(head.content(), promise);
      } else if (passing && msg instanceof HttpContent content) {
        passing = !(content instanceof LastHttpContent);
        ctx.write(content.content(), promise);
      } else {
        super.write(ctx, msg, promise);
      }
    }

    @Override
    protected void sanitizeHeadersBeforeEncode(HttpResponse msg, boolean isAlwaysEmpty) {
      if (!isAlwaysEmpty
          && HttpMethod.CONNECT.equals(method)
          && msg.status().codeClass() == HttpStatusClass.SUCCESS) {
        msg.headers().remove(HttpHeaderNames.TRANSFER_ENCODING);
        return;
      }
      super.sanitizeHeadersBeforeEncode(msg, isAlwaysEmpty);
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpResponse msg) {
      if (msg.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
        return super.isContentAlwaysEmpty(msg);
      }
      method = methods.poll();
      return HttpMethod.HEAD.equals(method) || super.isContentAlwaysEmpty(msg);
    }
  }
}
