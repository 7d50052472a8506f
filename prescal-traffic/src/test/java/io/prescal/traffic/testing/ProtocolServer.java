package io.prescal.traffic.testing;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.Http2Error;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.ApplicationProtocolNegotiationHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.ssl.SslProvider;
import io.netty.pkitesting.X509Bundle;
import io.prescal.traffic.net.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLSession;

/**
 * A Netty server on 127.0.0.1 for the TLS and HTTP/2 tests: HTTPS with the ALPN protocols the test
 * offers (h2 and/or http/1.1), or h2c with prior knowledge. It counts requests and connections,
 * records each connection's ALPN choice and SNI name, counts the streams open at once, and answers
 * by path: {@code /status/NNN} with that status, {@code /reset} with RST_STREAM, {@code /goaway}
 * with a GOAWAY that leaves the stream unprocessed; anything else 200 "ok" after the test's delay.
 */
public final class ProtocolServer implements AutoCloseable {

  private final EventLoopGroup group;
  private final Channel server;
  private final boolean tls;
  private final int maxStreams;
  private final LoopbackServer.Delay delay;
  private final List<String> headers;
  private final AtomicInteger requests = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private final AtomicInteger streamsOpen = new AtomicInteger();
  private final AtomicInteger mostStreamsOpen = new AtomicInteger();
  private final List<String> alpn = new CopyOnWriteArrayList<>();
  private final List<String> sni = new CopyOnWriteArrayList<>();
  private final List<String> received = new CopyOnWriteArrayList<>();

  private ProtocolServer(Builder b) throws Exception {
    this.tls = b.certificate != null;
    this.maxStreams = b.maxStreams;
    this.delay = b.delay;
    this.headers = List.copyOf(b.headers);
    SslContext ssl =
        tls
            ? SslContextBuilder.forServer(b.certificate.toKeyManagerFactory())
                .sslProvider(SslProvider.JDK)
                .applicationProtocolConfig(
                    new ApplicationProtocolConfig(
                        ApplicationProtocolConfig.Protocol.ALPN,
                        // Strict, as an h2-only server is: no protocol in common ends the
                        // handshake.
                        ApplicationProtocolConfig.SelectorFailureBehavior.FATAL_ALERT,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        b.alpn))
                .build()
            : null;
    Transport transport = Transport.best();
    this.group = transport.newGroup(1, "test-protocol-server");
    this.server =
        new ServerBootstrap()
            .group(group)
            .channel(transport.serverChannel())
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    connections.incrementAndGet();
                    if (ssl == null) {
                      ch.pipeline().addLast(http2Handler());
                      return;
                    }
                    SslHandler handler = ssl.newHandler(ch.alloc());
                    ch.pipeline().addLast(handler).addLast(new Negotiation(handler));
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  /** A server configured by a builder. */
  public static Builder builder() {
    return new Builder();
  }

  /** What the server is. */
  public static final class Builder {
    private X509Bundle certificate;
    private final List<String> alpn = new ArrayList<>();
    private int maxStreams = 100;
    private LoopbackServer.Delay delay = arrival -> 0;
    private final List<String> headers = new ArrayList<>();

    /** HTTPS with {@code certificate}, choosing among {@code protocols} in ALPN. */
    public Builder tls(X509Bundle certificate, String... protocols) {
      this.certificate = certificate;
      this.alpn.addAll(List.of(protocols));
      return this;
    }

    /** The SETTINGS_MAX_CONCURRENT_STREAMS it announces (default 100). */
    public Builder maxStreams(int n) {
      this.maxStreams = n;
      return this;
    }

    /** Answers after a delay decided per request. */
    public Builder delay(LoopbackServer.Delay d) {
      this.delay = d;
      return this;
    }

    /** Extra "Name: value" response headers. */
    public Builder header(String h) {
      headers.add(h);
      return this;
    }

    /** Starts it (h2c with prior knowledge when no TLS was set). */
    public ProtocolServer start() throws Exception {
      return new ProtocolServer(this);
    }
  }

  /** The base URL: https://127.0.0.1:PORT or http://127.0.0.1:PORT. */
  public String url() {
    return (tls ? "https" : "http") + "://127.0.0.1:" + port();
  }

  /** The port. */
  public int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** Requests received. */
  public int requests() {
    return requests.get();
  }

  /** Connections accepted. */
  public int connections() {
    return connections.get();
  }

  /** The most HTTP/2 streams that were open at once. */
  public int mostStreamsOpen() {
    return mostStreamsOpen.get();
  }

  /** Each TLS connection's ALPN choice ("none" when none). */
  public List<String> alpn() {
    return alpn;
  }

  /** Each TLS connection's SNI host name ("none" when none). */
  public List<String> sni() {
    return sni;
  }

  /** Every request received: "METHOD PATH" and its headers, one a line. */
  public List<String> received() {
    return received;
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private Http2ConnectionHandler http2Handler() {
    H2Listener listener = new H2Listener();
    Http2ConnectionHandler handler =
        new Http2ConnectionHandlerBuilder()
            .server(true)
            .initialSettings(Http2Settings.defaultSettings().maxConcurrentStreams(maxStreams))
            .frameListener(listener)
            .build();
    listener.handler = handler;
    return handler;
  }

  private void opened() {
    requests.incrementAndGet();
    mostStreamsOpen.accumulateAndGet(streamsOpen.incrementAndGet(), Math::max);
  }

  /** After the handshake: records ALPN and SNI, then HTTP/2 or HTTP/1.1 as ALPN chose. */
  private final class Negotiation extends ApplicationProtocolNegotiationHandler {
    private final SslHandler ssl;

    Negotiation(SslHandler ssl) {
      super("none");
      this.ssl = ssl;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
      if (evt instanceof SslHandshakeCompletionEvent e && e.isSuccess()) {
        SSLSession session = ssl.engine().getSession();
        String name = "none";
        if (session instanceof ExtendedSSLSession x) {
          for (SNIServerName n : x.getRequestedServerNames()) {
            if (n instanceof SNIHostName h) {
              name = h.getAsciiName();
            }
          }
        }
        sni.add(name);
      }
      super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void handshakeFailure(ChannelHandlerContext ctx, Throwable cause) {
      // The tests that make handshakes fail check what the client says; nothing to log here.
      ctx.close();
    }

    @Override
    protected void configurePipeline(ChannelHandlerContext ctx, String protocol) {
      alpn.add(protocol);
      ChannelPipeline p = ctx.pipeline();
      if (protocol.equals(ApplicationProtocolNames.HTTP_2)) {
        p.addLast(http2Handler());
      } else {
        p.addLast(new HttpServerCodec())
            .addLast(new HttpObjectAggregator(1 << 20))
            .addLast(new Http1Handler());
      }
    }
  }

  private final class H2Listener extends Http2FrameAdapter {
    private final Map<Integer, String> paths = new HashMap<>();
    Http2ConnectionHandler handler;

    @Override
    public void onHeadersRead(
        ChannelHandlerContext ctx,
        int streamId,
        Http2Headers h,
        int streamDependency,
        short weight,
        boolean exclusive,
        int padding,
        boolean endOfStream) {
      opened();
      StringBuilder text = new StringBuilder(h.method() + " " + h.path() + "\n");
      h.forEach(e -> text.append(e.getKey()).append(": ").append(e.getValue()).append('\n'));
      received.add(text.toString());
      if (endOfStream) {
        answer(ctx, streamId, h.path().toString());
      } else {
        paths.put(streamId, h.path().toString());
      }
    }

    @Override
    public int onDataRead(
        ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
      if (endOfStream) {
        answer(ctx, streamId, paths.remove(streamId));
      }
      return data.readableBytes() + padding;
    }

    private void answer(ChannelHandlerContext ctx, int streamId, String path) {
      if (path.startsWith("/reset")) {
        streamsOpen.decrementAndGet();
        handler.resetStream(ctx, streamId, Http2Error.REFUSED_STREAM.code(), ctx.newPromise());
        handler.flush(ctx);
        return;
      }
      if (path.startsWith("/goaway")) {
        streamsOpen.decrementAndGet();
        handler.goAway(
            ctx,
            Math.max(0, streamId - 2),
            Http2Error.NO_ERROR.code(),
            Unpooled.EMPTY_BUFFER,
            ctx.newPromise());
        handler.flush(ctx);
        return;
      }
      int status = path.startsWith("/status/") ? Integer.parseInt(path.substring(8, 11)) : 200;
      Runnable respond =
          () -> {
            Http2Headers h = new DefaultHttp2Headers().status(Integer.toString(status));
            h.setInt("content-length", 2);
            for (String header : headers) {
              int colon = header.indexOf(':');
              h.add(
                  header.substring(0, colon).trim().toLowerCase(),
                  header.substring(colon + 1).trim());
            }
            streamsOpen.decrementAndGet();
            handler.encoder().writeHeaders(ctx, streamId, h, 0, false, ctx.newPromise());
            handler
                .encoder()
                .writeData(
                    ctx,
                    streamId,
                    Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII),
                    0,
                    true,
                    ctx.newPromise());
            // The handler's flush: DATA waits in its flow controller until then.
            handler.flush(ctx);
          };
      long nanos = delay.nanos(System.nanoTime());
      if (nanos > 0) {
        ctx.executor().schedule(respond, nanos, TimeUnit.NANOSECONDS);
      } else {
        respond.run();
      }
    }
  }

  private final class Http1Handler extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
      requests.incrementAndGet();
      StringBuilder text = new StringBuilder(req.method() + " " + req.uri() + "\n");
      req.headers()
          .forEach(h -> text.append(h.getKey()).append(": ").append(h.getValue()).append('\n'));
      received.add(text.toString());
      int status =
          req.uri().startsWith("/status/") ? Integer.parseInt(req.uri().substring(8, 11)) : 200;
      boolean keepAlive = HttpUtil.isKeepAlive(req);
      Runnable respond =
          () -> {
            FullHttpResponse res =
                new DefaultFullHttpResponse(
                    HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(status),
                    Unpooled.copiedBuffer("ok", StandardCharsets.US_ASCII));
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 2);
            for (String header : headers) {
              int colon = header.indexOf(':');
              res.headers()
                  .add(header.substring(0, colon).trim(), header.substring(colon + 1).trim());
            }
            HttpUtil.setKeepAlive(res, keepAlive);
            var f = ctx.writeAndFlush(res);
            if (!keepAlive) {
              f.addListener(x -> ctx.close());
            }
          };
      long nanos = delay.nanos(System.nanoTime());
      if (nanos > 0) {
        ctx.executor().schedule(respond, nanos, TimeUnit.NANOSECONDS);
      } else {
        respond.run();
      }
    }
  }
}
