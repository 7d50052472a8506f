package io.prescal.proxy.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.prescal.proxy.config.Addresses;
import io.prescal.proxy.config.AdminConfig;
import io.prescal.proxy.server.Transport;
import java.net.InetSocketAddress;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The admin HTTP endpoint. */
public final class AdminServer implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(AdminServer.class);

  /**
   * The largest request body accepted (413 beyond): the admin takes its parameters in the query, so
   * this only bounds memory. Netty's codec caps the request line at 4 KB and the headers at 8 KB.
   */
  static final int MAX_BODY_BYTES = 16 * 1024;

  private Channel channel;

  /**
   * Binds the admin endpoint.
   *
   * @throws IllegalStateException when the address is not loopback and there is no token, or it
   *     cannot be bound
   */
  public InetSocketAddress bind(
      AdminConfig config,
      AdminActions actions,
      Transport transport,
      EventLoopGroup group,
      Executor worker) {
    if (config.token().isEmpty() && !Addresses.isLoopback(config.address())) {
      throw new IllegalStateException(
          "admin.address "
              + Addresses.text(config.address())
              + " is not loopback and no admin token is set: set admin.token or bind 127.0.0.1");
    }
    AdminGate gate = AdminGate.of(config);
    try {
      channel =
          new ServerBootstrap()
              .group(group)
              .channel(transport.serverChannel())
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(
                              new HttpServerCodec(),
                              new HttpObjectAggregator(MAX_BODY_BYTES),
                              new AdminIdleTimeout(config.idleTimeout()),
                              new AdminHandler(actions, gate, worker));
                    }
                  })
              .bind(config.address())
              .syncUninterruptibly()
              .channel();
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "cannot bind the admin API on "
              + Addresses.text(config.address())
              + " ("
              + e.getMessage()
              + "): choose another admin.address or disable it with admin.enabled: false",
          e);
    }
    InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
    log.info("admin API on http://{}", Addresses.text(bound));
    return bound;
  }

  @Override
  public void close() {
    if (channel != null) {
      channel.close().syncUninterruptibly();
    }
  }
}
