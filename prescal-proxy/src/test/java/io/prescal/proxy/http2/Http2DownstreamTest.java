package io.prescal.proxy.http2;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.HttpResponseStatus;
import io.prescal.proxy.testing.Curl;
import io.prescal.proxy.testing.H2Wire;
import io.prescal.proxy.testing.RecordingBackend;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP/2 from clients: h2 over TLS (ALPN) and h2c by prior knowledge, each stream mapped onto the
 * HTTP/1.1 backend pool by the same request handling as HTTP/1.1, with real clients (the JDK's
 * HttpClient, curl, and frames written by hand where a client must misbehave).
 */
class Http2DownstreamTest {
  @TempDir static Path dir;
  private static TestCertificate certificate;
  private static RecordingBackend recording;
  private static RunningProxy proxy;
  private static Path accessLog;

  @BeforeAll
  static void start() throws Exception {
    certificate = TestCertificate.create(dir, "localhost");
    recording =
        RecordingBackend.answering(
            r ->
                r.head().startsWith("GET /trailers")
                    ? "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "2\r\nok\r\n0\r\nX-Checksum: 7\r\n\r\n"
                    : RecordingBackend.OK);
    accessLog = dir.resolve("access.log");
    proxy =
        RunningProxy.start(
            "listen:\n  - 127.0.0.1:0\n  - address: 127.0.0.1:0\n    tls:\n      certificates: ["
                + certificate.yaml()
                + "]\n"
                + "accessLog: {enabled: true, path: \""
                + accessLog
                + "\"}\n"
                + "services:\n  - name: web\n    backends: [{address: "
                + recording.address()
                + "}]\n"
                + "  - name: api\n    hosts: [api.example]\n    backends: [{address: 127.0.0.1:1}]\n"
                + "    retries: {attempts: 0}\n");
  }

  @AfterAll
  static void stop() throws Exception {
    proxy.close();
    recording.close();
  }

  private static int plainPort() {
    return proxy.proxy().listening().get(0).getPort();
  }

  private static int tlsPort() {
    return proxy.proxy().listening().get(1).getPort();
  }

  private static RecordingBackend.Received lastReceived() {
    return recording.received().getLast();
  }

  @Test
  void h2OverTlsIsChosenByAlpnAndForwardedAsHttp11() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(certificate.trustingIt())
            .version(HttpClient.Version.HTTP_2)
            .build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(URI.create("https://localhost:" + tlsPort() + "/tls?q=1"))
                .header("X-Trace", "t1")
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("ok");
    assertThat(response.headers().firstValue("via")).hasValue("1.1 prescal");
    String head = lastReceived().head();
    assertThat(head)
        .startsWith("GET /tls?q=1 HTTP/1.1\r\n")
        .contains("\r\nx-trace: t1\r\n")
        .contains("\r\nhost: localhost:" + tlsPort() + "\r\n")
        .contains("\r\nx-forwarded-proto: https\r\n")
        .contains("\r\nvia: 2 prescal\r\n");
  }

  @Test
  void h2cByPriorKnowledgeAndHttp11ShareAPlainListener() throws Exception {
    String url = "http://127.0.0.1:" + plainPort() + "/plain";
    Curl.Result h2c = Curl.run("--http2-prior-knowledge", "-w", " %{http_version}", url);
    assertThat(h2c.exit()).as(h2c.err()).isZero();
    assertThat(h2c.out()).isEqualTo("ok 2");
    assertThat(lastReceived().head())
        .contains("\r\nx-forwarded-proto: http\r\n")
        .contains("\r\nvia: 2 prescal\r\n");
    Curl.Result h1 = Curl.run("--http1.1", "-w", " %{http_version}", url);
    assertThat(h1.out()).isEqualTo("ok 1.1");
    assertThat(lastReceived().head()).contains("\r\nvia: 1.1 prescal\r\n");
  }

  @Test
  void curlOverTlsNegotiatesH2AndSendsABody() throws Exception {
    Path body = dir.resolve("upload.txt");
    Files.writeString(body, "x".repeat(100_000));
    Curl.Result result =
        Curl.run(
            "--http2",
            "--cacert",
            certificate.cert().toString(),
            "--data-binary",
            "@" + body,
            "-w",
            " %{http_version}",
            "https://localhost:" + tlsPort() + "/upload");
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).isEqualTo("ok 2");
    RecordingBackend.Received received = lastReceived();
    assertThat(received.head()).startsWith("POST /upload HTTP/1.1\r\n");
    assertThat(received.message().body()).hasSize(100_000);
  }

  @Test
  void manyStreamsRunAtOnceOnOneConnection() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .sslContext(certificate.trustingIt())
            .version(HttpClient.Version.HTTP_2)
            .build();
    // The first request opens the connection; the JDK client opens one per request until then.
    client.send(
        HttpRequest.newBuilder(URI.create("https://localhost:" + tlsPort() + "/first")).build(),
        HttpResponse.BodyHandlers.ofString());
    int before = recording.received().size();
    List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      responses.add(
          client.sendAsync(
              HttpRequest.newBuilder(URI.create("https://localhost:" + tlsPort() + "/many/" + i))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    for (CompletableFuture<HttpResponse<String>> response : responses) {
      assertThat(response.get().statusCode()).isEqualTo(200);
      assertThat(response.get().version()).isEqualTo(HttpClient.Version.HTTP_2);
    }
    assertThat(recording.received().size() - before).isEqualTo(40);
    assertThat(proxy.proxy().status().get("listeners").toString())
        .contains("address=127.0.0.1:" + tlsPort() + ", connections=1,");
  }

  /**
   * h2load (nghttp2) multiplexes ten streams on each of four connections, over TLS and as h2c:
   * every request is answered, each reaches the backend once, and the connections close cleanly.
   */
  @Test
  void h2loadGetsEveryStreamAnsweredOverTlsAndH2c() throws Exception {
    int before = recording.received().size();
    for (String url :
        List.of("https://localhost:" + tlsPort() + "/load", "http://127.0.0.1:" + plainPort())) {
      Process h2load =
          new ProcessBuilder("h2load", "-n", "400", "-c", "4", "-m", "10", url)
              .redirectErrorStream(true)
              .start();
      String out = new String(h2load.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(h2load.waitFor(60, TimeUnit.SECONDS)).as(out).isTrue();
      assertThat(out)
          .contains("Application protocol: " + (url.startsWith("https") ? "h2\n" : "h2c\n"))
          .contains(
              "requests: 400 total, 400 started, 400 done, 400 succeeded, 0 failed, 0 errored")
          .contains("status codes: 400 2xx");
    }
    assertThat(recording.received().size() - before).isEqualTo(800);
  }

  @Test
  void theRequestChecksOfHttp11ApplyToStreams() throws Exception {
    try (H2Wire h2 = new H2Wire(plainPort())) {
      int before = recording.received().size();
      // A CR LF in a value would start a second header line at an HTTP/1.1 backend: Netty's
      // HTTP/2 decoder resets the stream (Http2StreamBridgeTest checks the proxy's own check).
      h2.send(1, H2Wire.get("x", "/", "x-evil", "a\r\nX-Injected: 1"), null);
      assertThat(h2.response(1).reset().errorCode()).isEqualTo(H2Wire.PROTOCOL_ERROR);
      // :authority and a different Host: two Host lines, as RFC 9113 8.3.1 lets a server refuse.
      h2.send(3, H2Wire.get("x", "/", "host", "y"), null);
      assertThat(h2.response(3).status()).isEqualTo(400);
      h2.send(5, H2Wire.get("x", "/../etc"), null);
      assertThat(h2.response(5).status()).isEqualTo(400);
      h2.send(7, H2Wire.get("x", "/a b"), null);
      assertThat(h2.response(7).status()).isEqualTo(400); // a space would split the request line
      h2.send(
          9,
          new io.netty.handler.codec.http2.DefaultHttp2Headers(false)
              .method("CONNECT")
              .authority("x:443"),
          null);
      assertThat(refused(h2.response(9))).isTrue(); // no tunnels over HTTP/2
      assertThat(recording.received()).hasSize(before);
      // Routed as HTTP/1.1 is: api.example goes to service api, whose backend refuses: 502.
      h2.send(11, H2Wire.get("api.example", "/"), null);
      assertThat(h2.response(11).status()).isEqualTo(HttpResponseStatus.BAD_GATEWAY.code());
      // The connection serves on after refusals, as HTTP/1.1 would not (these are streams).
      h2.send(
          13, H2Wire.get("x", "/after", "cookie", "a=1", "cookie", "b=2", "te", "trailers"), null);
      H2Wire.Response ok = h2.response(13);
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.body()).isEqualTo("ok");
      assertThat(lastReceived().head())
          .startsWith("GET /after HTTP/1.1\r\n")
          .contains("\r\ncookie: a=1; b=2\r\n")
          .doesNotContainIgnoringCase("\r\nte:");
    }
  }

  /** Refused before a backend: 400 from the proxy, or the stream reset by Netty's h2 decoder. */
  private static boolean refused(H2Wire.Response response) {
    return response.reset() != null
        ? response.reset().errorCode() == H2Wire.PROTOCOL_ERROR
        : response.status() == 400;
  }

  @Test
  void trailersReachTheClientAndTheAccessLogAndMetricsCountStreams() throws Exception {
    try (H2Wire h2 = new H2Wire(plainPort())) {
      h2.send(1, H2Wire.get("x", "/trailers"), null);
      H2Wire.Response response = h2.response(1);
      assertThat(response.status()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("ok");
      assertThat(response.trailers().get("x-checksum").toString()).isEqualTo("7");
    }
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(10))
        .until(() -> Files.readString(accessLog).contains("\"GET /trailers\" 200"));
    assertThat(proxy.proxy().metrics()).contains("prescal_requests_total{service=\"web\"");
  }
}
