package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The idle timers over real sockets: a client connection with nothing moving is closed after {@code
 * clientIdle} and not before, one in use stays open; a backend connection parked in the pool is
 * closed after {@code upstreamIdle}, one reused in time is kept.
 */
class IdleTimeoutTest {
  private static final String GET = "GET / HTTP/1.1\r\nHost: app\r\n\r\n";
  private final AtomicInteger backendClosed = new AtomicInteger();
  private TestBackend backend;
  private RunningProxy proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  /** A backend answering "ok" and counting the connections that closed. */
  private void start(String timeouts) throws Exception {
    backend =
        TestBackend.raw(
            "b1",
            () ->
                new ChannelInboundHandlerAdapter() {
                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    boolean last = msg instanceof LastHttpContent;
                    ReferenceCountUtil.release(msg);
                    if (last) {
                      var response =
                          new DefaultFullHttpResponse(
                              HttpVersion.HTTP_1_1,
                              HttpResponseStatus.OK,
                              Unpooled.copiedBuffer("ok", StandardCharsets.UTF_8));
                      HttpUtil.setContentLength(response, 2);
                      ctx.writeAndFlush(response);
                    }
                  }

                  @Override
                  public void channelInactive(ChannelHandlerContext ctx) {
                    backendClosed.incrementAndGet();
                  }
                });
    proxy =
        RunningProxy.start("timeouts:\n" + timeouts + RunningProxy.service("", backend.address()));
  }

  @Test
  void aSilentClientConnectionIsClosedAfterClientIdleAndNotBefore() throws Exception {
    start("  clientIdle: 1s\n");
    try (RawHttp client = new RawHttp(proxy.port())) {
      // The proxy's last activity is after this instant: it may not close before 1 s from here.
      long sent = System.nanoTime();
      assertThat(client.send(GET).read().body()).isEqualTo("ok");
      client.socket().setSoTimeout(5_000);
      // End of stream, not a read timeout (which closedByPeer() would also count).
      assertThat(client.socket().getInputStream().read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(ofMillis(1000));
    }
  }

  @Test
  void aClientConnectionInUseOutlivesClientIdle() throws Exception {
    start("  clientIdle: 1s\n");
    try (RawHttp client = new RawHttp(proxy.port())) {
      sendForTwoSeconds(client);
      assertThat(client.send(GET).read().status()).isEqualTo(200);
    }
  }

  @Test
  void aPooledBackendConnectionIsClosedAfterUpstreamIdle() throws Exception {
    start("  upstreamIdle: 300ms\n");
    try (RawHttp client = new RawHttp(proxy.port())) {
      long sent = System.nanoTime();
      assertThat(client.send(GET).read().body()).isEqualTo("ok");
      await().atMost(Duration.ofSeconds(5)).until(() -> backendClosed.get() == 1);
      assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(ofMillis(300));
      // The client connection is still open and gets a fresh backend connection.
      assertThat(client.send(GET).read().body()).isEqualTo("ok");
    }
    assertThat(backend.connections()).isEqualTo(2);
  }

  @Test
  void aPooledBackendConnectionReusedInTimeIsKept() throws Exception {
    start("  upstreamIdle: 1s\n");
    try (RawHttp client = new RawHttp(proxy.port())) {
      sendForTwoSeconds(client);
    }
    assertThat(backend.connections()).isEqualTo(1);
    assertThat(backendClosed.get()).isZero();
  }

  /**
   * 20 requests 100 ms apart: twice a 1 s timeout in all, never idle that long (the margin is wide
   * so that a loaded machine's pauses do not reach the timeout).
   */
  private static void sendForTwoSeconds(RawHttp client) throws Exception {
    for (int i = 0; i < 20; i++) {
      assertThat(client.send(GET).read().status()).isEqualTo(200);
      Thread.sleep(100);
    }
  }

  private static Duration ofMillis(long millis) {
    return Duration.ofMillis(millis);
  }
}
