package io.prescal.proxy.server;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The request path over real sockets: forwarding, headers both ways, keep-alive, errors. */
class RequestPathTest {
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

  private void start(String extraTopLevel) throws Exception {
    backend =
        TestBackend.answering(
            "b1",
            request -> {
              FullHttpResponse response =
                  TestBackend.text(
                      HttpResponseStatus.OK,
                      "echo:"
                          + request.content().toString(java.nio.charset.StandardCharsets.UTF_8));
              response.headers().set("Keep-Alive", "timeout=5");
              response.headers().set("Connection", "X-Backend-Secret");
              response.headers().set("X-Backend-Secret", "hidden");
              // The proxy's backend-naming header replaces the backend's own line of that name.
              response.headers().set("X-Served-By", "the backend's own");
              return response;
            });
    proxy = RunningProxy.start(extraTopLevel + RunningProxy.service("", backend.address()));
  }

  @Test
  void forwardsRequestWithForwardingHeadersAndWithoutHopByHopHeaders() throws Exception {
    start("backendHeader: X-Served-By\n");
    try (RawHttp client = new RawHttp(proxy.port())) {
      RawHttp.Response response =
          client
              .send(
                  "GET /hello?x=1 HTTP/1.1\r\nHost: example.com\r\nConnection: keep-alive, X-Drop\r\n"
                      + "X-Drop: secret\r\nKeep-Alive: timeout=9\r\nTE: trailers\r\n"
                      + "Proxy-Authorization: Basic abc\r\nX-Forwarded-For: 6.6.6.6\r\nVia: 1.1 edge\r\n"
                      + "Via: 1.0 cdn\r\n\r\n")
              .read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("echo:");
      assertThat(response.header("x-served-by")).isEqualTo(backend.address());
      assertThat(response.header("via")).isEqualTo("1.1 prescal");
      assertThat(response.headers())
          .doesNotContainKeys("keep-alive", "x-backend-secret", "connection");
    }
    TestBackend.Seen seen = backend.seen().get(0);
    assertThat(seen.uri()).isEqualTo("/hello?x=1");
    assertThat(seen.headers().get("Host")).isEqualTo("example.com");
    assertThat(seen.headers().contains("X-Drop")).isFalse();
    assertThat(seen.headers().contains("Keep-Alive")).isFalse();
    assertThat(seen.headers().contains("TE")).isFalse();
    assertThat(seen.headers().contains("Proxy-Authorization")).isFalse();
    assertThat(seen.headers().contains("Connection")).isFalse();
    // 127.0.0.1 is not a trusted proxy: a client's own X-Forwarded-For is replaced, not extended.
    assertThat(seen.headers().get("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(seen.headers().get("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(seen.headers().get("X-Forwarded-Host")).isEqualTo("example.com");
    assertThat(seen.headers().get("Forwarded"))
        .isEqualTo("for=127.0.0.1;host=example.com;proto=http");
    // Every Via line the client sent, in order, then this proxy's element (RFC 9110 7.6.3).
    assertThat(seen.headers().getAll("Via")).containsExactly("1.1 edge, 1.0 cdn, 1.1 prescal");
  }

  @Test
  void trustedProxyHeadersAreExtended() throws Exception {
    start("forwarded:\n  trustedProxies: [127.0.0.0/8]\n");
    try (RawHttp client = new RawHttp(proxy.port())) {
      client
          .send(
              "GET / HTTP/1.1\r\nHost: a.example\r\nX-Forwarded-For: 203.0.113.9\r\n"
                  + "X-Forwarded-Proto: https\r\nForwarded: for=203.0.113.9;proto=https\r\n\r\n")
          .read();
    }
    TestBackend.Seen seen = backend.seen().get(0);
    assertThat(seen.headers().get("X-Forwarded-For")).isEqualTo("203.0.113.9, 127.0.0.1");
    assertThat(seen.headers().get("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(seen.headers().get("Forwarded"))
        .isEqualTo("for=203.0.113.9;proto=https, for=127.0.0.1;host=a.example;proto=http");
  }

  @Test
  void keepsBothSidesAlive() throws Exception {
    start("");
    try (RawHttp client = new RawHttp(proxy.port())) {
      for (int i = 0; i < 5; i++) {
        RawHttp.Response response =
            client.send("POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nab" + i).read();
        assertThat(response.body()).isEqualTo("echo:ab" + i);
      }
    }
    assertThat(backend.seen()).hasSize(5);
    assertThat(backend.connections()).isEqualTo(1);
  }

  @Test
  void pipelinedRequestsAreAnsweredInOrder() throws Exception {
    start("");
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send(
          "POST /1 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nA"
              + "POST /2 HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\nB"
              + "GET /3 HTTP/1.1\r\nHost: x\r\n\r\n");
      assertThat(client.read().body()).isEqualTo("echo:A");
      assertThat(client.read().body()).isEqualTo("echo:B");
      assertThat(client.read().body()).isEqualTo("echo:");
    }
  }

  @Test
  void chunkedRequestBodyIsStreamedToTheBackend() throws Exception {
    start("");
    try (RawHttp client = new RawHttp(proxy.port())) {
      RawHttp.Response response =
          client
              .send(
                  "POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                      + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
              .read();
      assertThat(response.body()).isEqualTo("echo:hello world");
    }
  }

  @Test
  void http10ClientGetsItsConnectionClosed() throws Exception {
    start("");
    try (RawHttp client = new RawHttp(proxy.port())) {
      RawHttp.Response response = client.send("GET / HTTP/1.0\r\n\r\n").read();
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.header("connection")).isEqualTo("close");
      assertThat(client.closedByPeer()).isTrue();
    }
    assertThat(backend.seen().get(0).headers().get("Host")).isEqualTo("web");
  }

  @Test
  void expectContinueGetsContinueThenTheAnswer() throws Exception {
    start("");
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send(
          "PUT /up HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n");
      assertThat(client.read().status()).isEqualTo(100);
      RawHttp.Response response = client.send("data").read();
      assertThat(response.body()).isEqualTo("echo:data");
    }
    assertThat(backend.seen().get(0).headers().contains("Expect")).isFalse();
  }

  @Test
  void bodylessResponsesKeepTheConnectionInStep() throws Exception {
    backend =
        TestBackend.answering(
            "b",
            r ->
                r.uri().equals("/empty")
                    ? TestBackend.text(HttpResponseStatus.NO_CONTENT, "")
                    : TestBackend.text(HttpResponseStatus.OK, "twelve bytes"));
    proxy = RunningProxy.start(RunningProxy.service("", backend.address()));
    try (RawHttp client = new RawHttp(proxy.port())) {
      RawHttp.Response head = client.send("HEAD / HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
      assertThat(head.status()).isEqualTo(200);
      assertThat(head.header("content-length")).isEqualTo("12");
      assertThat(client.send("GET /empty HTTP/1.1\r\nHost: x\r\n\r\n").read().status())
          .isEqualTo(204);
      assertThat(client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body())
          .isEqualTo("twelve bytes");
    }
  }

  /**
   * Responses the proxy copies in wire form and responses it encodes alternate on one client
   * connection; each must be paired with its own request's method (a HEAD answer has no body), or
   * the connection falls out of step.
   */
  @Test
  void copiedAndEncodedResponsesStayInStepOnOneConnection() throws Exception {
    backend =
        TestBackend.raw(
            "b",
            () ->
                new ChannelInboundHandlerAdapter() {
                  private String uri;

                  @Override
                  public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof HttpRequest request) {
                      uri = request.uri();
                    }
                    if (msg instanceof LastHttpContent) {
                      if (uri.startsWith("/chunked")) {
                        HttpResponse head =
                            new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
                        HttpUtil.setTransferEncodingChunked(head, true);
                        ctx.write(head);
                        ctx.write(new DefaultHttpContent(Unpooled.copiedBuffer("abc", UTF_8)));
                        ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                      } else {
                        FullHttpResponse plain = TestBackend.text(HttpResponseStatus.OK, "plain");
                        HttpUtil.setContentLength(plain, 5);
                        ctx.writeAndFlush(plain);
                      }
                    }
                    ReferenceCountUtil.release(msg);
                  }
                });
    proxy =
        RunningProxy.start(
            "services:\n  - name: web\n    hosts: [x]\n    backends: [{address: "
                + backend.address()
                + "}]\n");
    try (RawHttp client = new RawHttp(proxy.port())) {
      assertThat(client.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read().body())
          .isEqualTo("plain");
      // The proxy's own 404 to a HEAD request: no body although it has a Content-Length.
      RawHttp.Response missing = client.send("HEAD / HTTP/1.1\r\nHost: other\r\n\r\n").read(true);
      assertThat(missing.status()).isEqualTo(404);
      assertThat(
              client
                  .send("HEAD /plain HTTP/1.1\r\nHost: x\r\n\r\n")
                  .read(true)
                  .header("content-length"))
          .isEqualTo("5");
      assertThat(client.send("GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n").read().body())
          .isEqualTo("abc");
      RawHttp.Response head = client.send("HEAD /chunked HTTP/1.1\r\nHost: x\r\n\r\n").read(true);
      assertThat(head.status()).isEqualTo(200);
      assertThat(client.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n").read().body())
          .isEqualTo("plain");
      assertThat(client.send("GET /chunked HTTP/1.1\r\nHost: x\r\n\r\n").read().body())
          .isEqualTo("abc");
    }
    assertThat(backend.connections()).isEqualTo(1);
  }

  @Test
  void unknownHostAndPathGet404() throws Exception {
    backend = TestBackend.named("b1");
    proxy =
        RunningProxy.start(
            "services:\n  - name: api\n    hosts: [api.example]\n    pathPrefix: /v1\n"
                + "    backends:\n      - address: "
                + backend.address()
                + "\n");
    try (RawHttp client = new RawHttp(proxy.port())) {
      assertThat(
              client.send("GET /v1/x HTTP/1.1\r\nHost: api.example:8000\r\n\r\n").read().status())
          .isEqualTo(200);
      assertThat(client.send("GET /v2 HTTP/1.1\r\nHost: api.example\r\n\r\n").read().status())
          .isEqualTo(404);
      assertThat(client.send("GET /v1 HTTP/1.1\r\nHost: other\r\n\r\n").read().status())
          .isEqualTo(404);
    }
  }
}
