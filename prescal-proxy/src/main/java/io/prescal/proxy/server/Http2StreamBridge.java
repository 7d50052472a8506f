package io.prescal.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpRequest;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.HttpConversionUtil;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;
import io.prescal.proxy.http.CountedHeaders;
import io.prescal.proxy.http.FieldSyntax;
import io.prescal.proxy.http.HeaderRules;
import java.util.Map;

/**
 * Makes one HTTP/2 stream look to the request handler like an HTTP/1.1 connection carrying one
 * request, so that h2 requests go through the same checks, header rules, routing, balancing,
 * retries, limits, hold queue, metrics and access log as HTTP/1.1 ones. Only the framing is
 * translated here; every rule about what a message may say lives where it does for HTTP/1.1.
 *
 * <ul>
 *   <li>Inbound, the HEADERS frame becomes an {@link HttpRequest} of version {@link #HTTP_2}:
 *       {@code :authority} becomes Host, {@code :path} the target, split cookies are joined (RFC
 *       9113 8.2.3), a body of unknown length is marked chunked for the backend; header values are
 *       held to {@link FieldSyntax} (Netty does not check them in HTTP/2), so a CR or LF cannot
 *       reach an HTTP/1.1 backend. What cannot be turned into a request becomes a failed one, which
 *       the handler answers 400. DATA frames become body parts, trailers the last part.
 *   <li>Outbound, response heads (decoded, or in wire form as the fast path copies them) become
 *       HEADERS frames without the connection-specific fields, body parts DATA frames, trailers a
 *       final HEADERS frame.
 * </ul>
 */
final class Http2StreamBridge extends ChannelDuplexHandler {
  /** The version h2 requests carry through the proxy (the Via element says {@code 2}). */
  static final HttpVersion HTTP_2 = new HttpVersion("HTTP", 2, 0, true);

  private static final AsciiString HOST = AsciiString.cached("host");
  private static final AsciiString COOKIE = AsciiString.cached("cookie");
  private boolean headSeen;

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof Http2HeadersFrame frame) {
      if (!headSeen) {
        headSeen = true;
        ctx.fireChannelRead(request(frame.headers(), frame.isEndStream()));
        if (frame.isEndStream()) {
          ctx.fireChannelRead(LastHttpContent.EMPTY_LAST_CONTENT);
        }
      } else {
        ctx.fireChannelRead(trailers(frame.headers()));
      }
    } else if (msg instanceof Http2DataFrame data) {
      ByteBuf content = data.content();
      ctx.fireChannelRead(
          data.isEndStream()
              ? new DefaultLastHttpContent(content)
              : new DefaultHttpContent(content));
    } else {
      ReferenceCountUtil.release(msg); // nothing else reaches a stream's handlers as a message
    }
  }

  /**
   * A stream error the HTTP/2 codec found (a body past the window, a bad header block) is not the
   * request handler's to answer: the multiplexer resets the stream with the error's own code (such
   * as FLOW_CONTROL_ERROR) right after, which closes this stream's channel. Passed on, the handler
   * would close the stream first and the client would see CANCEL instead.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof Http2Exception.StreamException)) {
      ctx.fireExceptionCaught(cause);
    }
  }

  /** The stream's request head, or a failed one when it cannot be forwarded as HTTP/1.1. */
  static HttpRequest request(Http2Headers h2, boolean endStream) {
    CharSequence method = h2.method();
    CharSequence path = h2.path();
    CharSequence authority = h2.authority();
    HttpHeaders headers = CountedHeaders.FACTORY.newHeaders();
    HttpMethod parsed = HttpMethod.GET;
    IllegalArgumentException failure = null;
    try {
      if (method == null || path == null || HttpMethod.CONNECT.asciiName().contentEquals(method)) {
        throw new IllegalArgumentException("CONNECT, or a request without :method and :path");
      }
      parsed = HttpMethod.valueOf(method.toString());
      fields(h2, authority, headers);
      if (!endStream && !headers.contains(HttpHeaderNames.CONTENT_LENGTH)) {
        headers.add(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
      }
    } catch (IllegalArgumentException e) {
      failure = e;
    }
    HttpRequest request;
    try {
      request =
          new DefaultHttpRequest(HTTP_2, parsed, path == null ? "/" : path.toString(), headers);
    } catch (IllegalArgumentException e) { // Netty refuses a target that would split the line
      request = new DefaultHttpRequest(HTTP_2, parsed, "/", headers);
      failure = e;
    }
    if (failure != null) {
      request.setDecoderResult(DecoderResult.failure(failure));
    }
    return request;
  }

  /** Copies the regular fields into {@code headers}, Host from {@code :authority} first. */
  private static void fields(Http2Headers h2, CharSequence authority, HttpHeaders headers) {
    if (authority != null) {
      headers.add(HttpHeaderNames.HOST, authority);
    }
    StringBuilder cookies = null;
    for (Map.Entry<CharSequence, CharSequence> field : h2) {
      CharSequence name = field.getKey();
      CharSequence value = field.getValue();
      if (name.length() > 0 && name.charAt(0) == ':') {
        continue; // pseudo-headers (Netty checked them), already read
      }
      if (HOST.contentEqualsIgnoreCase(name)
          && authority != null
          && AsciiString.contentEqualsIgnoreCase(value, authority)) {
        continue; // the same authority twice; a different one makes two Host lines: 400
      }
      if (COOKIE.contentEqualsIgnoreCase(name)) {
        cookies = cookies == null ? new StringBuilder(value) : cookies.append("; ").append(value);
        continue;
      }
      headers.add(name, value); // FieldSyntax checks the name and value
    }
    if (cookies != null) {
      headers.add(HttpHeaderNames.COOKIE, cookies.toString());
    }
  }

  private static LastHttpContent trailers(Http2Headers h2) {
    LastHttpContent last = new DefaultLastHttpContent(Unpooled.EMPTY_BUFFER);
    try {
      for (Map.Entry<CharSequence, CharSequence> field : h2) {
        if (field.getKey().length() > 0 && field.getKey().charAt(0) != ':') {
          last.trailingHeaders().add(field.getKey(), field.getValue());
        }
      }
      for (Map.Entry<String, String> field : last.trailingHeaders()) {
        if (!FieldSyntax.isToken(field.getKey()) || !FieldSyntax.isValue(field.getValue())) {
          throw new IllegalArgumentException("a trailer is not a valid field");
        }
      }
    } catch (IllegalArgumentException e) {
      last.setDecoderResult(DecoderResult.failure(e));
    }
    return last;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ClientHttpCodec.EncodedHead head) {
      writeEncoded(ctx, head, promise);
    } else if (msg instanceof HttpResponse response) {
      writeResponse(ctx, response, promise);
    } else if (msg instanceof HttpContent content) {
      writeContent(ctx, content, promise);
    } else if (msg instanceof ByteBuf bytes && !bytes.isReadable()) {
      bytes.release(); // an empty buffer that only flushes (a close after the last answer)
      promise.trySuccess();
    } else {
      ctx.write(msg, promise);
    }
  }

  private static void writeResponse(
      ChannelHandlerContext ctx, HttpResponse response, ChannelPromise promise) {
    Http2Headers headers = HttpConversionUtil.toHttp2Headers(response, false);
    if (response.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
      ReferenceCountUtil.release(response);
      ctx.write(new DefaultHttp2HeadersFrame(headers, false), promise); // 100 Continue
    } else if (response instanceof FullHttpResponse full) {
      boolean empty = !full.content().isReadable() && full.trailingHeaders().isEmpty();
      ctx.write(new DefaultHttp2HeadersFrame(headers, empty), empty ? promise : ctx.voidPromise());
      if (empty) {
        full.release();
      } else {
        writeContent(ctx, full, promise);
      }
    } else {
      ctx.write(new DefaultHttp2HeadersFrame(headers, false), promise);
    }
  }

  private static void writeContent(
      ChannelHandlerContext ctx, HttpContent content, ChannelPromise promise) {
    ByteBuf data = content.content();
    if (!(content instanceof LastHttpContent last)) {
      if (data.isReadable()) {
        ctx.write(new DefaultHttp2DataFrame(data, false), promise);
      } else {
        data.release();
        promise.trySuccess();
      }
      return;
    }
    HttpHeaders trailers = last.trailingHeaders();
    if (trailers.isEmpty()) {
      ctx.write(new DefaultHttp2DataFrame(data, true), promise);
      return;
    }
    if (data.isReadable()) {
      ctx.write(new DefaultHttp2DataFrame(data, false), ctx.voidPromise());
    } else {
      data.release();
    }
    ctx.write(
        new DefaultHttp2HeadersFrame(HttpConversionUtil.toHttp2Headers(trailers, false), true),
        promise);
  }

  /**
   * A response head the fast path copied in HTTP/1.1 wire form (status line, header lines, an empty
   * line, then the body if {@code complete}): its fields become a HEADERS frame.
   */
  private static void writeEncoded(
      ChannelHandlerContext ctx, ClientHttpCodec.EncodedHead head, ChannelPromise promise) {
    ByteBuf bytes = head.content();
    try {
      int from = bytes.readerIndex();
      int end = bytes.writerIndex();
      Http2Headers headers = new DefaultHttp2Headers(false);
      headers.status(ascii(bytes, from + 9, from + 12));
      int line = bytes.indexOf(from, end, (byte) '\n') + 1;
      while (line < end) {
        int lineEnd = bytes.indexOf(line, end, (byte) '\n');
        int contentEnd =
            lineEnd > line && bytes.getByte(lineEnd - 1) == '\r' ? lineEnd - 1 : lineEnd;
        if (contentEnd == line) {
          line = lineEnd + 1; // the empty line: the head ends
          break;
        }
        int colon = bytes.indexOf(line, contentEnd, (byte) ':');
        AsciiString name = ascii(bytes, line, colon).toLowerCase();
        int valueStart = colon + 1;
        int valueEnd = contentEnd;
        while (valueStart < valueEnd && isBlank(bytes.getByte(valueStart))) {
          valueStart++;
        }
        while (valueEnd > valueStart && isBlank(bytes.getByte(valueEnd - 1))) {
          valueEnd--;
        }
        if (!HeaderRules.field(name).hopByHop()) {
          headers.add(name, ascii(bytes, valueStart, valueEnd));
        }
        line = lineEnd + 1;
      }
      boolean body = line < end;
      boolean endStream = head.complete() && !body;
      ctx.write(
          new DefaultHttp2HeadersFrame(headers, endStream), body ? ctx.voidPromise() : promise);
      if (body) {
        ctx.write(
            new DefaultHttp2DataFrame(bytes.retainedSlice(line, end - line), head.complete()),
            promise);
      }
    } finally {
      head.release();
    }
  }

  private static boolean isBlank(byte b) {
    return b == ' ' || b == '\t';
  }

  private static AsciiString ascii(ByteBuf bytes, int from, int to) {
    byte[] copy = new byte[to - from];
    bytes.getBytes(from, copy);
    return new AsciiString(copy, false);
  }
}
