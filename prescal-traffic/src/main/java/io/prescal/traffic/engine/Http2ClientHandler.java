package io.prescal.traffic.engine;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.codec.http2.Http2Settings;

/**
 * Netty's HTTP/2 connection handler (framing, HPACK, flow control, SETTINGS and PING), client side,
 * telling its {@link Http2ClientConnection} about the errors it handles itself: a connection error
 * (the server broke the protocol, or never spoke HTTP/2) and a stream error.
 */
final class Http2ClientHandler extends Http2ConnectionHandler {

  /** Our receive window for each stream: wide, so a large body is not held back per round trip. */
  static final int STREAM_WINDOW = 1 << 20;

  /** The largest response header list accepted, as the HTTP/1.1 parser's longest header line. */
  static final int MAX_HEADER_LIST = 64 * 1024;

  private final Http2ClientConnection owner;

  private Http2ClientHandler(
      Http2ConnectionDecoder decoder,
      Http2ConnectionEncoder encoder,
      Http2Settings settings,
      Http2ClientConnection owner) {
    super(decoder, encoder, settings);
    this.owner = owner;
  }

  /** A handler reporting to {@code owner}, which also listens to its frames. */
  static Http2ClientHandler of(Http2ClientConnection owner) {
    Http2Settings settings =
        new Http2Settings()
            .pushEnabled(false)
            .initialWindowSize(STREAM_WINDOW)
            .maxHeaderListSize(MAX_HEADER_LIST);
    return new Builder(owner).settings(settings).make();
  }

  @Override
  protected void onConnectionError(
      ChannelHandlerContext ctx, boolean outbound, Throwable cause, Http2Exception http2Ex) {
    owner.connectionError(cause);
    super.onConnectionError(ctx, outbound, cause, http2Ex);
  }

  @Override
  protected void onStreamError(
      ChannelHandlerContext ctx,
      boolean outbound,
      Throwable cause,
      Http2Exception.StreamException http2Ex) {
    owner.streamError(http2Ex.streamId());
    super.onStreamError(ctx, outbound, cause, http2Ex);
  }

  private static final class Builder
      extends AbstractHttp2ConnectionHandlerBuilder<Http2ClientHandler, Builder> {

    private final Http2ClientConnection owner;

    Builder(Http2ClientConnection owner) {
      this.owner = owner;
      server(false);
      frameListener(owner);
      // Response headers are counted, not used: checking every name and value for RFC 9113's
      // character rules costs more per request than the rest of the header decoding (h2load does
      // not either). A malformed header block is still an HPACK error, reported as protocol.
      validateHeaders(false);
      // A close is meant at once: at the end of a run nothing is in flight, and otherwise the
      // requests still in flight are reported as failed.
      gracefulShutdownTimeoutMillis(0);
    }

    Builder settings(Http2Settings settings) {
      return initialSettings(settings);
    }

    Http2ClientHandler make() {
      return build();
    }

    @Override
    protected Http2ClientHandler build(
        Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
      return new Http2ClientHandler(decoder, encoder, settings, owner);
    }
  }
}
