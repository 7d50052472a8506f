package io.prescal.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.prescal.proxy.upstream.BackendHttpCodec;
import java.util.ArrayDeque;

/**
 * The client-to-backend half of an {@link Exchange}: the request head and its body. Body parts that
 * arrive before a backend connection is attached wait here; once attached, they stream with
 * read-after-write backpressure (the client is read only while the backend connection is writable).
 */
final class RequestRelay {
  private final ChannelHandlerContext client;
  private final HttpRequest request;
  private final boolean keepAlive;
  private final boolean chunked;
  private final boolean hasBody;
  private final boolean expectContinue;
  private final boolean upgrade;
  private ArrayDeque<HttpContent> pending;
  private Channel upstream;
  private boolean complete;
  private boolean lastWritten;
  private boolean bodySent;
  private boolean continueSent;
  private boolean unflushed;
  private long bodyBytes;

  RequestRelay(ChannelHandlerContext client, HttpRequest request) {
    this.client = client;
    this.request = request;
    HttpHeaders headers = request.headers();
    this.keepAlive = HttpUtil.isKeepAlive(request);
    this.chunked = HttpUtil.isTransferEncodingChunked(request);
    this.hasBody = chunked || HttpUtil.getContentLength(request, 0L) > 0;
    this.expectContinue = HttpUtil.is100ContinueExpected(request);
    this.upgrade =
        headers.contains(HttpHeaderNames.UPGRADE)
            && headers.containsValue(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE, true);
  }

  HttpRequest head() {
    return request;
  }

  /** Whether the client asked to keep its connection open. */
  boolean keepAlive() {
    return keepAlive;
  }

  boolean chunked() {
    return chunked;
  }

  /** Whether the request declares a body (chunked or a non-zero Content-Length). */
  boolean hasBody() {
    return hasBody;
  }

  /** Whether the request asks for a protocol upgrade (WebSocket...). */
  boolean upgrade() {
    return upgrade;
  }

  /** Whether the request's last part arrived from the client. */
  boolean complete() {
    return complete;
  }

  /** Whether the request's last part went to the current backend connection. */
  boolean lastWritten() {
    return lastWritten;
  }

  /** Whether body bytes left the proxy (such a request is never retried). */
  boolean bodySent() {
    return bodySent;
  }

  /** Body bytes received so far. */
  long bodyBytes() {
    return bodyBytes;
  }

  /**
   * Sends the head and every waiting body part to a newly attached backend connection, and answers
   * {@code 100 Continue} for the backend if the client waits for it.
   *
   * @param wireHead the backend's copy of the head, in wire form (ownership passes here)
   * @return whether the whole request is now written (the response timer starts)
   */
  boolean attach(Channel channel, ByteBuf wireHead) {
    upstream = channel;
    lastWritten = false;
    channel.write(
        new BackendHttpCodec.EncodedRequest(
            wireHead,
            request.method(),
            !hasBody
                ? BackendHttpCodec.Body.NONE
                : chunked ? BackendHttpCodec.Body.CHUNKED : BackendHttpCodec.Body.AS_IS),
        channel.voidPromise());
    lastWritten = !hasBody;
    if (pending != null) {
      HttpContent content;
      while ((content = pending.poll()) != null) {
        write(content);
      }
    }
    if (complete && !lastWritten) {
      write(LastHttpContent.EMPTY_LAST_CONTENT);
    }
    channel.flush();
    unflushed = false;
    channel.read();
    if (expectContinue && !complete && !continueSent) {
      continueSent = true;
      client.writeAndFlush(
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE),
          client.voidPromise());
    }
    return lastWritten;
  }

  /** The backend connection was given up (retry, failure or end); later parts wait again. */
  void detach() {
    upstream = null;
  }

  /** Whether {@code msg} is a body part this request still expects. */
  boolean expects(Object msg) {
    return msg instanceof HttpContent && !(msg instanceof HttpRequest) && !complete;
  }

  /**
   * Takes a body part (ownership passes here): sent at once when a connection is attached, kept
   * until then otherwise.
   *
   * @return whether it was the last part and has been written (the response timer starts)
   */
  boolean onBody(HttpContent content) {
    bodyBytes += content.content().readableBytes();
    complete = content instanceof LastHttpContent;
    if (upstream != null) {
      write(content);
      return complete;
    }
    if (pending == null) {
      pending = new ArrayDeque<>(4);
    }
    pending.add(content);
    return false;
  }

  /** Marks the request as fully read without forwarding anything more (the exchange failed). */
  void abandon() {
    complete = true;
  }

  private void write(HttpContent content) {
    if (!hasBody) {
      content.release(); // the end marker of a message already written whole
      return;
    }
    bodySent |= content.content().isReadable();
    upstream.write(content, upstream.voidPromise());
    unflushed = true;
    lastWritten |= content instanceof LastHttpContent;
  }

  /** Tunnel bytes after an upgrade, passed on as they are. */
  void tunnel(Object msg) {
    upstream.write(msg, upstream.voidPromise());
    unflushed = true;
  }

  /** The client's read batch ended: what was written goes out in one flush. */
  void flush() {
    if (unflushed && upstream != null) {
      unflushed = false;
      upstream.flush();
    }
  }

  /** Whether the client should be read now: body still expected and the backend keeps up. */
  boolean wantsClientRead() {
    return upstream != null && !complete && upstream.isWritable();
  }

  /** Releases the body parts still waiting. */
  void release() {
    if (pending != null) {
      HttpContent content;
      while ((content = pending.poll()) != null) {
        content.release();
      }
    }
  }
}
