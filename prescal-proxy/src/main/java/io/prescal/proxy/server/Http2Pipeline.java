package io.prescal.proxy.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2Connection;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.prescal.proxy.config.Http2Config;
import java.net.InetSocketAddress;

/**
 * Turns a client connection into an HTTP/2 one, once ALPN chose {@code h2} or the client opened
 * with the HTTP/2 preface: the HTTP/1.1 codec and request handler leave, Netty's HTTP/2 frame codec
 * and stream multiplexer come in, and every stream gets a pipeline of its own that ends in the same
 * {@link ClientRequestHandler} an HTTP/1.1 connection has ({@link Http2StreamBridge} in front).
 *
 * <p>The limits of {@code http2:} are applied here: concurrent streams and the header list size are
 * advertised in SETTINGS and enforced; a stream's flow-control window is what it may buffer, and
 * the connection's window what all of them together may; streams are read (and their window
 * replenished) only as fast as their backend connections take the bytes. Rapid reset, the
 * CONTINUATION flood and floods of frames that make the proxy answer (SETTINGS, PING) end the
 * connection with GOAWAY ENHANCE_YOUR_CALM, a header block beyond 1.25 times the header list size
 * with GOAWAY PROTOCOL_ERROR.
 */
final class Http2Pipeline {
  /** Pipeline name of the HTTP/2 frame codec. */
  static final String FRAME_CODEC = "h2-frames";

  /** Pipeline name of the stream multiplexer. */
  static final String STREAMS = "h2-streams";

  /** Pipeline name of the idle check of an HTTP/2 connection. */
  static final String IDLE = "h2-idle";

  /**
   * Replaces the HTTP/1.1 handlers of {@code channel} with HTTP/2 ones, and reads on: the HTTP/2
   * connection is read whenever bytes arrive (flow control bounds what the streams buffer).
   */
  static void install(Channel channel, ProxyContext context, Listener listener) {
    ProxySettings settings = context.settings().get();
    Http2Config limits = settings.http2();
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.remove(ProxyServerInitializer.HTTP_CODEC);
    pipeline.remove(ProxyServerInitializer.REQUEST_HANDLER);
    Http2FrameCodec codec =
        Http2FrameCodecBuilder.forServer()
            .initialSettings(
                Http2Settings.defaultSettings()
                    .maxConcurrentStreams(limits.maxConcurrentStreams())
                    .maxHeaderListSize(limits.maxHeaderListSize())
                    .initialWindowSize(limits.streamWindow()))
            .validateHeaders(true)
            .decoderEnforceMaxRstFramesPerWindow(
                limits.maxResets(), (int) limits.resetWindow().toSeconds())
            .encoderEnforceMaxQueuedControlFrames(limits.maxQueuedControlFrames())
            .decoderEnforceMaxSmallContinuationFrames(limits.maxContinuationFrames())
            .build();
    ForwardedHeaders forwarding =
        new ForwardedHeaders((InetSocketAddress) channel.remoteAddress(), listener.secure());
    pipeline
        .addLast(FRAME_CODEC, codec)
        .addLast(
            STREAMS,
            new Http2MultiplexHandler(
                new ChannelInitializer<Http2StreamChannel>() {
                  @Override
                  protected void initChannel(Http2StreamChannel stream) {
                    stream.config().setAutoRead(false);
                    stream
                        .pipeline()
                        .addLast(new Http2StreamBridge())
                        .addLast(
                            ProxyServerInitializer.REQUEST_HANDLER,
                            new ClientRequestHandler(context, listener, forwarding));
                  }
                }))
        .addLast(IDLE, new Http2ConnectionIdle(settings.timeouts().clientIdle(), codec));
    widenConnectionWindow(channel, codec.connection(), limits.connectionWindow());
    channel.config().setAutoRead(true);
  }

  /** Opens the connection's receive window to {@code window} bytes (streams' windows are set). */
  private static void widenConnectionWindow(
      Channel channel, Http2Connection connection, int window) {
    Http2Connection.Endpoint<?> local = connection.local();
    int now = local.flowController().windowSize(connection.connectionStream());
    if (window > now) {
      channel.write(new DefaultHttp2WindowUpdateFrame(window - now));
    }
  }

  private Http2Pipeline() {}
}
