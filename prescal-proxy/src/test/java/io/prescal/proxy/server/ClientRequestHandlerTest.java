package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.prescal.proxy.accesslog.AccessLog;
import io.prescal.proxy.config.ConfigLoader;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.OutcomeListener;
import io.prescal.proxy.pool.Route;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.ServiceRegistry;
import io.prescal.proxy.testing.TestPools;
import io.prescal.proxy.testing.Wire;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The client handler on an EmbeddedChannel: answers it decides without any backend. */
class ClientRequestHandlerTest {

  private static EmbeddedChannel channel(ServicePool pool) throws Exception {
    var config =
        ConfigLoader.parse(
            "limits:\n  maxBodyBytes: 100\nservices:\n  - name: web\n    hosts: [app]\n"
                + "    backends: [{address: 127.0.0.1:1}]\n",
            "t");
    ServiceRegistry registry = new ServiceRegistry();
    registry.replace(List.of(new Route(List.of("app"), "/", pool)));
    ProxySettings settings = ProxySettings.of(config);
    ProxyContext context =
        new ProxyContext(registry, null, AccessLog.NONE, OutcomeListener.NONE, () -> settings);
    ClientHttpCodec codec = new ClientHttpCodec(new HttpDecoderConfig());
    EmbeddedChannel ch =
        new EmbeddedChannel(
            codec,
            new ClientRequestHandler(context, codec, Listener.plain(new ListenerStats("test")))) {
          @Override
          public java.net.SocketAddress remoteAddress() {
            return new InetSocketAddress("127.0.0.1", 5555);
          }
        };
    return ch;
  }

  private static ServicePool emptyPool() {
    return TestPools.pool("web", EventSink.NONE, null);
  }

  private static String written(EmbeddedChannel ch) {
    return Wire.outbound(ch);
  }

  /** The backend's copy of {@code request}'s head from a client at 10.0.0.7, as text. */
  private static String backendHead(
      io.netty.handler.codec.http.HttpRequest request,
      io.prescal.proxy.config.ForwardedConfig forwarded,
      String defaultHost) {
    return Wire.text(
        MessageHeads.toBackend(
            request,
            false,
            false,
            new ForwardedHeaders(new InetSocketAddress("10.0.0.7", 4000), false),
            new ProxySettings(forwarded, null, null, ""),
            defaultHost,
            io.netty.buffer.UnpooledByteBufAllocator.DEFAULT));
  }

  private static void send(EmbeddedChannel ch, String text) {
    ch.writeInbound(Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1));
  }

  @Test
  void noReadyBackendAnswers503AndKeepsTheConnection() throws Exception {
    ServicePool pool = emptyPool();
    pool.add(Backend.ofStatic(new InetSocketAddress("127.0.0.1", 1), 1));
    EmbeddedChannel ch = channel(pool);
    send(ch, "GET / HTTP/1.1\r\nHost: app\r\n\r\n");
    String response = written(ch);
    assertThat(response)
        .startsWith("HTTP/1.1 503 Service Unavailable\r\n")
        .contains("retry-after: 1");
    assertThat(ch.isOpen()).isTrue();
    send(ch, "GET /again HTTP/1.1\r\nHost: app\r\n\r\n");
    assertThat(written(ch)).startsWith("HTTP/1.1 503");
    assertThat(pool.rejectedCount()).isEqualTo(2);
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void unknownHostIs404() throws Exception {
    EmbeddedChannel ch = channel(emptyPool());
    send(ch, "GET / HTTP/1.1\r\nHost: other\r\n\r\n");
    assertThat(written(ch)).startsWith("HTTP/1.1 404 Not Found");
    assertThat(ch.isOpen()).isTrue();
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void malformedRequestIs400AndCloses() throws Exception {
    EmbeddedChannel ch = channel(emptyPool());
    send(ch, "BROKEN\r\n\r\n");
    assertThat(written(ch)).startsWith("HTTP/1.1 400 Bad Request").contains("connection: close");
    assertThat(ch.isOpen()).isFalse();
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void declaredBodyOverTheLimitIs413WithoutReadingIt() throws Exception {
    EmbeddedChannel ch = channel(emptyPool());
    send(ch, "POST / HTTP/1.1\r\nHost: app\r\nContent-Length: 101\r\n\r\n" + "x".repeat(101));
    assertThat(written(ch)).startsWith("HTTP/1.1 413");
    assertThat(ch.isOpen()).isFalse();
    assertFalse(ch.finishAndReleaseAll());
  }

  @Test
  void upstreamRequestHeadIsWrittenForTheBackend() {
    var request =
        new io.netty.handler.codec.http.DefaultHttpRequest(
            io.netty.handler.codec.http.HttpVersion.HTTP_1_0,
            io.netty.handler.codec.http.HttpMethod.GET,
            "/x");
    request
        .headers()
        .set("Connection", "keep-alive, X-Hop")
        .set("X-Hop", "1")
        .set("Keep-Alive", "5")
        .set("X-Kept", "caf\u00e9"); // obs-text: the byte passes as it came
    var forwarded = new io.prescal.proxy.config.ForwardedConfig(true, false, "edge", List.of());
    assertThat(backendHead(request, forwarded, "backend:80"))
        .isEqualTo(
            "GET /x HTTP/1.1\r\nx-forwarded-for: 10.0.0.7\r\nx-forwarded-proto: http\r\n"
                + "via: 1.0 edge\r\nhost: backend:80\r\nX-Kept: caf\u00e9\r\n\r\n");
    // The client's own head is read, not changed.
    assertThat(request.headers().names()).contains("Connection", "X-Hop", "Keep-Alive");
  }
}
