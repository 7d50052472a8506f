package io.prescal.proxy.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;

/**
 * Builds a client connection's pipeline: HTTP/1.1 codec and request handler, nothing else (every
 * stage is a hop for every read, write and flush; the idle timer lives in the request handler).
 */
public final class ProxyServerInitializer extends ChannelInitializer<SocketChannel> {
  /** Pipeline name of the HTTP codec (removed when a connection upgrades to a tunnel). */
  public static final String HTTP_CODEC = "http-codec";

  /** Pipeline name of the request handler. */
  public static final String REQUEST_HANDLER = "client-request";

  private final ProxyContext context;
  private final ListenerStats stats;

  /**
   * @param stats the counters of the listener whose connections this initialises
   */
  public ProxyServerInitializer(ProxyContext context, ListenerStats stats) {
    this.context = context;
    this.stats = stats;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ProxySettings settings = context.settings().get();
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(settings.limits().maxUriBytes())
            .setMaxHeaderSize(settings.limits().maxHeaderBytes())
            .setMaxChunkSize(64 * 1024);
    ClientHttpCodec codec = new ClientHttpCodec(decoder);
    ch.pipeline()
        .addLast(HTTP_CODEC, codec)
        .addLast(REQUEST_HANDLER, new ClientRequestHandler(context, codec, stats));
  }
}
