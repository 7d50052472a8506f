package io.prescal.proxy.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.prescal.proxy.tls.ServerTls;

/**
 * Builds a client connection's pipeline: HTTP/1.1 codec and request handler, nothing else (every
 * stage is a hop for every read, write and flush; the idle timer lives in the request handler). On
 * a TLS listener the TLS handler comes first (its handshake must complete within {@code
 * timeouts.requestHead}), then {@link AlpnSwitch}; on a plain one with h2c, {@link H2cPreface}.
 * Both leave the pipeline once they know the protocol; for HTTP/2 they put {@link Http2Pipeline}'s
 * handlers in place of the HTTP/1.1 ones.
 */
public final class ProxyServerInitializer extends ChannelInitializer<SocketChannel> {
  /** Pipeline name of the HTTP codec (removed when a connection upgrades to a tunnel). */
  public static final String HTTP_CODEC = "http-codec";

  /** Pipeline name of the request handler. */
  public static final String REQUEST_HANDLER = "client-request";

  /** Pipeline name of the TLS handler (SNI first, then the chosen context's). */
  public static final String TLS = "tls";

  /** Pipeline name of the handler that tells HTTP/2 connections from HTTP/1.1 ones. */
  public static final String PROTOCOL = "protocol";

  private final ProxyContext context;
  private final Listener listener;
  private final ServerTls tls;
  private final boolean h2c;
  private final int redirectHttps;

  /**
   * @param listener the listener whose connections this initialises
   * @param tls its certificates, or null for a plain listener
   * @param h2c whether a plain listener takes HTTP/2 by prior knowledge
   * @param redirectHttps the HTTPS port a plain listener redirects every request to, or 0
   */
  public ProxyServerInitializer(
      ProxyContext context, Listener listener, ServerTls tls, boolean h2c, int redirectHttps) {
    this.context = context;
    this.listener = listener;
    this.tls = tls;
    this.h2c = h2c;
    this.redirectHttps = redirectHttps;
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
    if (tls != null) {
      ch.pipeline().addLast(TLS, tls.newHandler(settings.timeouts().requestHead().toMillis()));
      if (tls.offersHttp2()) {
        ch.pipeline().addLast(PROTOCOL, new AlpnSwitch(context, listener));
      }
    } else if (h2c && redirectHttps == 0) {
      ch.pipeline().addLast(PROTOCOL, new H2cPreface(context, listener));
    }
    ch.pipeline()
        .addLast(HTTP_CODEC, codec)
        .addLast(
            REQUEST_HANDLER,
            redirectHttps == 0
                ? new ClientRequestHandler(context, codec, listener)
                : new HttpsRedirect(context, redirectHttps));
  }
}
