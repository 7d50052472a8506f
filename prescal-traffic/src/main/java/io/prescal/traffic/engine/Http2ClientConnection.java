package io.prescal.traffic.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.Http2CodecUtil;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2ConnectionAdapter;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2FrameListener;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.util.AsciiString;
import io.netty.util.collection.IntObjectHashMap;
import java.util.ArrayDeque;
import java.util.Locale;

/**
 * One HTTP/2 connection (h2 over TLS, or h2c with prior knowledge): up to {@code --streams}
 * requests in flight, one per stream, and never more than the server's SETTINGS allow. Ready once
 * the server's first SETTINGS arrived, so the limit is known before the first request.
 *
 * <p>Every request ends when its stream closes, whatever closed it: its response ended (complete),
 * the server reset it ({@code stream-reset}), the server's GOAWAY left it unprocessed ({@code
 * goaway}), the timeout reset it ({@code timeout}), the server broke the protocol ({@code
 * protocol}), or the connection was lost ({@code reset}). Ending there and not at the last frame
 * means the stream no longer counts against the server's limit when the worker sends the next one.
 */
final class Http2ClientConnection extends Connection implements Http2FrameListener {

  /** Our receive window for the whole connection, raised from the default 64 KiB once ready. */
  private static final int CONNECTION_WINDOW = 16 << 20;

  /** Stream ids are 31-bit and odd for a client; past this the connection takes no more. */
  private static final int LAST_STREAM_ID = Integer.MAX_VALUE - 2;

  private final Http2Requests requests;
  private final int streams;
  private final boolean oneShot;
  private final AsciiString backendHeader;
  private final Exchange[] exchanges;
  private final ArrayDeque<Exchange> free;
  private final IntObjectHashMap<Exchange> open;
  private Http2ClientHandler handler;
  private ChannelHandlerContext ctx;
  private int limit;
  private boolean reading;
  private boolean noMore;
  private boolean goAway;
  private Throwable broken;

  /**
   * @param streams the most requests in flight ({@code --streams})
   * @param oneShot one request, then close ({@code --no-keep-alive})
   */
  Http2ClientConnection(Worker worker, Origin origin, int streams, boolean oneShot) {
    super(worker, origin);
    this.requests = origin.http2Requests();
    this.streams = streams;
    this.oneShot = oneShot;
    String header = worker.backendHeader();
    this.backendHeader = header == null ? null : AsciiString.of(header.toLowerCase(Locale.ROOT));
    this.exchanges = new Exchange[streams];
    this.free = new ArrayDeque<>(streams);
    this.open = new IntObjectHashMap<>(streams * 2);
    for (int i = 0; i < streams; i++) {
      exchanges[i] = new Exchange();
      free.add(exchanges[i]);
    }
  }

  /** The HTTP/2 handler to put before this one: at once for h2c, after ALPN for h2. */
  Http2ClientHandler protocolHandler() {
    handler = Http2ClientHandler.of(this);
    handler
        .connection()
        .addListener(
            new Http2ConnectionAdapter() {
              @Override
              public void onStreamClosed(Http2Stream stream) {
                ended(stream.id());
              }
            });
    return handler;
  }

  @Override
  void secured(String alpn) {
    if (!ApplicationProtocolNames.HTTP_2.equals(alpn)) {
      failSetup(
          new SetupFailure.ProtocolMismatch(
              alpn == null
                  ? "the server chose no protocol in ALPN"
                  : "the server chose \"" + alpn + "\" in ALPN"));
      return;
    }
    channel.pipeline().addBefore(Worker.HANDLER, Origin.HTTP2, protocolHandler());
  }

  @Override
  void send(int target, long intendedNanos, long sentNanos, boolean measured) {
    Exchange ex = free.pop();
    int id = handler.connection().local().incrementAndGetNextStreamId();
    ex.start(intendedNanos, sentNanos, measured);
    ex.stream = id;
    open.put(id, ex);
    boolean body = requests.hasBody(target);
    handler.encoder().writeHeaders(ctx, id, requests.headers(target), 0, !body, ctx.voidPromise());
    if (handler.connection().stream(id) == null && open.remove(id) != null) {
      // Never opened (the server lowered its limit, or the connection is closing): no stream will
      // close for it, so it ends here, and this connection takes no more.
      noMore = true;
      release(ex);
      worker.streamFailed(this, ex, ErrorClass.STREAM_RESET);
      return;
    }
    if (body) {
      handler.encoder().writeData(ctx, id, requests.body(target), 0, true, ctx.voidPromise());
    }
    if (oneShot || id >= LAST_STREAM_ID) {
      noMore = true;
    }
    if (!reading) {
      // Within a read the HTTP/2 handler flushes once at its end, for every stream at once. Its
      // flush, not the context's: a body waits in its flow controller until then.
      handler.flush(ctx);
    }
  }

  /** The stream {@code id} closed: its request ends, complete or not. */
  private void ended(int id) {
    Exchange ex = open.remove(id);
    if (ex == null) {
      return;
    }
    // Free before telling the worker: it may send the next request on this connection at once,
    // and reads nothing of the exchange after its first lines.
    release(ex);
    if (ex.done && ex.status > 0 && ex.failure == null) {
      worker.completed(this, ex);
    } else {
      worker.streamFailed(this, ex, failureOf(ex));
    }
  }

  private ErrorClass failureOf(Exchange ex) {
    if (ex.failure != null) {
      return ex.failure;
    }
    if (ex.done || broken != null) {
      return ErrorClass.PROTOCOL;
    }
    return goAway ? ErrorClass.GOAWAY : ErrorClass.RESET;
  }

  private void release(Exchange ex) {
    ex.stream = 0;
    free.push(ex);
  }

  /** A connection error Netty handled (it sends GOAWAY and closes). */
  void connectionError(Throwable cause) {
    if (!isReady()) {
      failSetup(cause);
    } else if (broken == null) {
      broken = cause;
    }
  }

  /** A stream error Netty handled (it resets the stream). */
  void streamError(int id) {
    Exchange ex = open.get(id);
    if (ex != null && ex.failure == null) {
      ex.failure = ErrorClass.PROTOCOL;
    }
  }

  @Override
  public void onSettingsRead(ChannelHandlerContext context, Http2Settings settings)
      throws Http2Exception {
    reading = true;
    // Netty applied the server's SETTINGS_MAX_CONCURRENT_STREAMS to our side before this call.
    limit = Math.min(streams, handler.connection().local().maxActiveStreams());
    if (ctx == null) {
      ctx = context;
      Http2Connection connection = handler.connection();
      connection
          .local()
          .flowController()
          .incrementWindowSize(
              connection.connectionStream(),
              CONNECTION_WINDOW - Http2CodecUtil.DEFAULT_WINDOW_SIZE);
      ready();
    }
  }

  @Override
  public void onHeadersRead(
      ChannelHandlerContext context,
      int streamId,
      Http2Headers headers,
      int padding,
      boolean endOfStream) {
    reading = true;
    Exchange ex = open.get(streamId);
    if (ex == null) {
      return;
    }
    if (ex.status < 200) {
      int status = statusOf(headers.status());
      if (status >= 100 && status < 200 && !endOfStream) {
        // An interim response (103 Early Hints, 100 Continue): the real one follows.
        return;
      }
      ex.status = status;
      if (backendHeader != null) {
        CharSequence backend = headers.get(backendHeader);
        ex.backend = backend == null ? null : backend.toString();
      }
    }
    if (endOfStream) {
      ex.done = true;
    }
  }

  @Override
  public void onHeadersRead(
      ChannelHandlerContext context,
      int streamId,
      Http2Headers headers,
      int streamDependency,
      short weight,
      boolean exclusive,
      int padding,
      boolean endOfStream) {
    onHeadersRead(context, streamId, headers, padding, endOfStream);
  }

  @Override
  public int onDataRead(
      ChannelHandlerContext context, int streamId, ByteBuf data, int padding, boolean endOfStream) {
    reading = true;
    int n = data.readableBytes();
    Exchange ex = open.get(streamId);
    if (ex != null) {
      ex.bytes += n;
      if (endOfStream) {
        ex.done = true;
      }
    }
    // All of it is consumed now: the window opens again as the bytes arrive.
    return n + padding;
  }

  @Override
  public void onRstStreamRead(ChannelHandlerContext context, int streamId, long errorCode) {
    reading = true;
    Exchange ex = open.get(streamId);
    if (ex != null && ex.failure == null) {
      ex.failure = ErrorClass.STREAM_RESET;
    }
  }

  @Override
  public void onGoAwayRead(
      ChannelHandlerContext context, int lastStreamId, long errorCode, ByteBuf debugData) {
    reading = true;
    // Netty closes the streams above lastStreamId right after this: they end as goaway, those at
    // or below it may still complete. The worker closes the connection once none is in flight;
    // with none in flight now, nothing would tell it.
    goAway = true;
    if (open.isEmpty()) {
      channel.close();
    }
  }

  @Override
  public void onPriorityRead(
      ChannelHandlerContext context,
      int streamId,
      int streamDependency,
      short weight,
      boolean exclusive) {}

  @Override
  public void onSettingsAckRead(ChannelHandlerContext context) {}

  @Override
  public void onPingRead(ChannelHandlerContext context, long data) {}

  @Override
  public void onPingAckRead(ChannelHandlerContext context, long data) {}

  @Override
  public void onPushPromiseRead(
      ChannelHandlerContext context,
      int streamId,
      int promisedStreamId,
      Http2Headers headers,
      int padding) {}

  @Override
  public void onWindowUpdateRead(
      ChannelHandlerContext context, int streamId, int windowSizeIncrement) {}

  @Override
  public void onUnknownFrame(
      ChannelHandlerContext context,
      byte frameType,
      int streamId,
      io.netty.handler.codec.http2.Http2Flags flags,
      ByteBuf payload) {}

  @Override
  public void channelReadComplete(ChannelHandlerContext context) {
    // Fired by the HTTP/2 handler before it flushes what the read made us write.
    reading = false;
    context.fireChannelReadComplete();
  }

  @Override
  boolean late(long nowNanos, long timeoutNanos) {
    for (Exchange ex : exchanges) {
      if (ex.stream != 0 && ex.failure == null && nowNanos - ex.sentNanos > timeoutNanos) {
        return true;
      }
    }
    return false;
  }

  /** Resets the late streams (CANCEL); each ends as a timeout when its stream closes. */
  @Override
  void timeOut(long nowNanos, long timeoutNanos) {
    boolean any = false;
    for (Exchange ex : exchanges) {
      if (ex.stream != 0 && ex.failure == null && nowNanos - ex.sentNanos > timeoutNanos) {
        ex.failure = ErrorClass.TIMEOUT;
        any = true;
        handler.resetStream(ctx, ex.stream, Http2Error.CANCEL.code(), ctx.newPromise());
      }
    }
    if (any) {
      handler.flush(ctx);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext context) {
    // The HTTP/2 handler before this one has closed every stream: their requests have ended.
    worker.closed(this);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
    // What the HTTP/2 handler did not handle: I/O errors and TLS failures. Before the connection
    // is ready it is why it never was; after, channelInactive reports the requests lost.
    if (!isReady()) {
      failSetup(cause);
    }
    context.close();
  }

  @Override
  boolean hasRoom() {
    return open.size() < limit && reusable();
  }

  @Override
  boolean reusable() {
    return !noMore && !goAway && broken == null && channel.isActive();
  }

  @Override
  int inFlight() {
    return open.size();
  }

  private static int statusOf(CharSequence status) {
    if (status == null || status.length() != 3) {
      return 0;
    }
    int code = 0;
    for (int i = 0; i < 3; i++) {
      char c = status.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
      code = code * 10 + (c - '0');
    }
    return code;
  }
}
