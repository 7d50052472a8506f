package io.prescal.proxy.server;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/** Builds a client connection's pipeline: idle timer, HTTP/1.1 codec, request handler. */
public final class ProxyServerInitializer extends ChannelInitializer<SocketChannel> {
  /** Pipeline name of the idle timer. */
  public static final String IDLE_TIMER = "idle-timer";

  /** Pipeline name of the HTTP codec (removed when a connection upgrades to a tunnel). */
  public static final String HTTP_CODEC = "http-codec";

  /** Pipeline name of the request handler. */
  public static final String REQUEST_HANDLER = "client-request";

  private final ProxyContext context;

  public ProxyServerInitializer(ProxyContext context) {
    this.context = context;
  }

  @Override
  protected void initChannel(SocketChannel ch) {
    ProxySettings settings = context.settings().get();
    HttpDecoderConfig decoder =
        new HttpDecoderConfig()
            .setMaxInitialLineLength(settings.limits().maxUriBytes())
            .setMaxHeaderSize(settings.limits().maxHeaderBytes())
            .setMaxChunkSize(64 * 1024);
    long idle = settings.timeouts().clientIdle().toMillis();
    ch.pipeline()
        .addLast(IDLE_TIMER, new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS))
        .addLast(HTTP_CODEC, new HttpServerCodec(decoder))
        .addLast(REQUEST_HANDLER, new ClientRequestHandler(context));
  }
}
