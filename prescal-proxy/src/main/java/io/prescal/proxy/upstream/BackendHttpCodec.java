package io.prescal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.CombinedChannelDuplexHandler;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import io.netty.util.CharsetUtil;
import io.prescal.proxy.http.CountedHeaders;
import io.prescal.proxy.http.FieldSyntax;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The HTTP/1.1 codec of a backend connection. Like Netty's {@code HttpClientCodec}, it pairs each
 * response with the method of its request (a response to HEAD has no body); unlike it, it holds one
 * method rather than a queue, because the proxy sends a backend connection one request at a time,
 * and a response read by {@link ResponseFastPath} never reaches this decoder to take a queue entry.
 */
public final class BackendHttpCodec
    extends CombinedChannelDuplexHandler<HttpResponseDecoder, HttpRequestEncoder> {
  private HttpMethod method = HttpMethod.GET;
  private boolean upgraded;

  public BackendHttpCodec() {
    init(
        new Decoder(
            new HttpDecoderConfig()
                .setMaxInitialLineLength(8192)
                .setMaxHeaderSize(65536)
                .setMaxChunkSize(65536)
                .setHeadersFactory(CountedHeaders.FACTORY)
                .setTrailersFactory(
                    DefaultHttpHeadersFactory.trailersFactory()
                        .withNameValidator(FieldSyntax.NAMES)
                        .withValueValidator(FieldSyntax.VALUES))),
        new Encoder());
  }

  /** The method of the request the backend is answering. */
  HttpMethod method() {
    return method;
  }

  /** The connection became a tunnel (101): bytes written from now on pass as they are. */
  public void upgraded() {
    upgraded = true;
  }

  /** How the body after an {@link EncodedRequest} head goes out. */
  public enum Body {
    /** None: the head is the whole message. */
    NONE,
    /** Its bytes as they are, up to the last part (a Content-Length body). */
    AS_IS,
    /** Chunked: each part framed as a chunk, the last one ends the body. */
    CHUNKED
  }

  /** A request head already in wire form; its body parts, if any, follow as content. */
  public static final class EncodedRequest extends DefaultByteBufHolder {
    private final HttpMethod method;
    private final Body body;

    public EncodedRequest(ByteBuf head, HttpMethod method, Body body) {
      super(head);
      this.method = method;
      this.body = body;
    }
  }

  private static final ByteBuf CRLF =
      Unpooled.unreleasableBuffer(Unpooled.directBuffer(2).writeByte('\r').writeByte('\n'))
          .asReadOnly();

  private final class Encoder extends HttpRequestEncoder {
    private Body passing = Body.NONE; // after an EncodedRequest: how its body parts go out

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise)
        throws Exception {
      if (msg instanceof EncodedRequest request) {
        method = request.method;
        passing = request.body;
        ctx.write(request.content(), promise);
      } else if (passing != Body.NONE && msg instanceof HttpContent content) {
        boolean last = content instanceof LastHttpContent;
        if (passing == Body.AS_IS) {
          ctx.write(content.content(), promise);
        } else {
          writeChunk(ctx, content, promise);
        }
        if (last) {
          passing = Body.NONE;
        }
      } else {
        super.write(ctx, msg, promise);
      }
    }

    /** One body part as a chunk; the last part also ends the body, with its trailers. */
    private void writeChunk(
        ChannelHandlerContext ctx, HttpContent content, ChannelPromise promise) {
      ByteBuf data = content.content();
      int size = data.readableBytes();
      boolean last = content instanceof LastHttpContent;
      if (size > 0) {
        ByteBuf sizeLine = ctx.alloc().buffer(10);
        sizeLine.writeCharSequence(Integer.toHexString(size), CharsetUtil.US_ASCII);
        sizeLine.writeByte('\r').writeByte('\n');
        ctx.write(sizeLine, ctx.voidPromise());
        ctx.write(data, last ? ctx.voidPromise() : promise);
        ctx.write(CRLF.duplicate(), ctx.voidPromise());
      } else {
        data.release();
      }
      if (last) {
        ByteBuf end = ctx.alloc().buffer(5);
        end.writeByte('0').writeByte('\r').writeByte('\n');
        HttpHeaders trailers = ((LastHttpContent) content).trailingHeaders();
        Iterator<Map.Entry<CharSequence, CharSequence>> lines = trailers.iteratorCharSequence();
        while (lines.hasNext()) {
          Map.Entry<CharSequence, CharSequence> trailer = lines.next();
          end.writeCharSequence(trailer.getKey(), CharsetUtil.ISO_8859_1);
          end.writeByte(':').writeByte(' ');
          end.writeCharSequence(trailer.getValue(), CharsetUtil.ISO_8859_1);
          end.writeByte('\r').writeByte('\n');
        }
        end.writeByte('\r').writeByte('\n');
        ctx.write(end, promise);
      } else if (size == 0) {
        ctx.write(Unpooled.EMPTY_BUFFER, promise);
      }
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, Object msg, List<Object> out)
        throws Exception {
      if (upgraded) {
        // HttpObjectEncoder does not release what encode() is given: pass it on as it is.
        out.add(msg);
        return;
      }
      if (msg instanceof HttpRequest request) {
        method = request.method();
      }
      super.encode(ctx, msg, out);
    }
  }

  /**
   * Netty's response decoder, held to {@link FieldSyntax} as the fast path is: a name that is not a
   * token or a value (or reason phrase) with a control character makes the head, or the trailers, a
   * failed message, which the proxy answers with 502 (or, mid-body, by closing the client
   * connection) and never forwards; the backend connection is then closed, never pooled.
   */
  private final class Decoder extends HttpResponseDecoder {
    Decoder(HttpDecoderConfig config) {
      super(config);
    }

    /**
     * Netty drops whitespace between a response field's name and its colon, as RFC 9112 5.1 asks of
     * a proxy, but it also drops whatever follows that whitespace up to the colon, so {@code Bad
     * Name: x} would become {@code Bad: x}: such a name is refused instead. The colon is known to
     * follow on this line when this is called.
     */
    /** A status code is three digits, 100 to 999 (RFC 9110 15): Netty takes any number. */
    @Override
    protected String splitSecondWordInitialLine(byte[] line, int start, int length) {
      if (length != 3
          || line[start] < '1'
          || line[start] > '9'
          || line[start + 1] < '0'
          || line[start + 1] > '9'
          || line[start + 2] < '0'
          || line[start + 2] > '9') {
        throw new IllegalArgumentException("the status code is not three digits from 100");
      }
      return super.splitSecondWordInitialLine(line, start, length);
    }

    @Override
    protected AsciiString splitHeaderName(byte[] line, int start, int length) {
      int i = start + length;
      while (line[i] == ' ' || line[i] == '\t') {
        i++;
      }
      if (line[i] != ':') {
        throw new IllegalArgumentException("a header name is not a token");
      }
      return super.splitHeaderName(line, start, length);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buffer, List<Object> out)
        throws Exception {
      int oldSize = out.size();
      super.decode(ctx, buffer, out);
      for (int i = oldSize; i < out.size(); i++) {
        if (out.get(i) instanceof HttpResponse response && response.decoderResult().isSuccess()) {
          String problem = problem(response);
          if (problem != null) {
            response.setDecoderResult(DecoderResult.failure(new IllegalArgumentException(problem)));
          }
        }
      }
    }

    /**
     * What Netty's decoder let through that the proxy does not pass on, or null: a version other
     * than HTTP/1.x (a higher minor version is read as 1.1, RFC 9110 2.5), a reason phrase with a
     * control character, several Content-Length lines, a transfer coding other than chunked.
     */
    private static String problem(HttpResponse response) {
      HttpVersion version = response.protocolVersion();
      if (version.majorVersion() != 1 || !"HTTP".equals(version.protocolName())) {
        return "the status line does not start with HTTP/1.x";
      }
      if (!FieldSyntax.isValue(response.status().reasonPhrase())) {
        return "the reason phrase has a control character";
      }
      if (((CountedHeaders) response.headers()).lengthLines() > 1) {
        return "several Content-Length lines"; // Netty keeps an HTTP/1.0 message's first
      }
      List<String> codings = response.headers().getAll(HttpHeaderNames.TRANSFER_ENCODING);
      if (!codings.isEmpty()
          && (codings.size() > 1
              || !HttpHeaderValues.CHUNKED.contentEqualsIgnoreCase(codings.get(0)))) {
        // The proxy re-frames bodies as chunked for its client: it would drop the other codings.
        return "transfer codings other than a single chunked are not supported";
      }
      return null;
    }

    @Override
    protected boolean isContentAlwaysEmpty(HttpMessage msg) {
      HttpResponse response = (HttpResponse) msg;
      if (response.status().codeClass() != HttpStatusClass.INFORMATIONAL) {
        if (HttpMethod.HEAD.equals(method)) {
          return true;
        }
        if (HttpMethod.CONNECT.equals(method)
            && response.status().codeClass() == HttpStatusClass.SUCCESS) {
          return true;
        }
      }
      return super.isContentAlwaysEmpty(msg);
    }
  }
}
