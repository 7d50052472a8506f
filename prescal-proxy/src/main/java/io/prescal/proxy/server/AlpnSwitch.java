package io.prescal.proxy.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * On a TLS listener, waits for the handshake: when the client and the proxy agreed on {@code h2}
 * through ALPN the connection becomes HTTP/2; otherwise (http/1.1, or no ALPN) the HTTP/1.1
 * handlers already in place serve it. Either way this handler then leaves the pipeline.
 */
final class AlpnSwitch extends ChannelInboundHandlerAdapter {
  private final ProxyContext context;
  private final Listener listener;

  AlpnSwitch(ProxyContext context, Listener listener) {
    this.context = context;
    this.listener = listener;
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof SslHandshakeCompletionEvent handshake && handshake.isSuccess()) {
      SslHandler tls = ctx.pipeline().get(SslHandler.class);
      if (ApplicationProtocolNames.HTTP_2.equals(tls.applicationProtocol())) {
        Http2Pipeline.install(ctx.channel(), context, listener);
      }
      ctx.pipeline().remove(this);
    }
    ctx.fireUserEventTriggered(evt);
  }
}
