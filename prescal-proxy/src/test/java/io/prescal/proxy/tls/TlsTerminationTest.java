package io.prescal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.handler.ssl.OpenSsl;
import io.prescal.proxy.testing.Curl;
import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import io.prescal.proxy.testing.TestCertificate;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HTTPS on a listener: real clients (the JDK's HttpClient and SSLSocket, curl) through a running
 * proxy to a backend, with each TLS engine; the backend is told the client came over TLS.
 */
class TlsTerminationTest {
  @TempDir static Path dir;
  private static TestCertificate certificate;
  private static TestBackend backend;

  @BeforeAll
  static void start() throws Exception {
    certificate = TestCertificate.create(dir, "localhost");
    backend = TestBackend.named("web");
  }

  @AfterAll
  static void stop() {
    backend.close();
  }

  private static String config(String tlsExtra, String timeouts) {
    return "listen:\n  - address: 127.0.0.1:0\n    tls:\n      certificates: ["
        + certificate.yaml()
        + "]\n"
        + tlsExtra
        + timeouts
        + RunningProxy.service("", backend.address());
  }

  private static RunningProxy proxy(String tlsExtra) throws Exception {
    return RunningProxy.start(config(tlsExtra, ""));
  }

  @ParameterizedTest
  @ValueSource(strings = {"openssl", "jdk"})
  void httpsReachesTheBackendWhichIsToldTheClientUsedTls(String engine) throws Exception {
    System.setProperty(TlsEngine.PROPERTY, engine);
    try (RunningProxy proxy = proxy("")) {
      assertThat(proxy.proxy().tlsEngine().name()).isEqualTo(engine);
      if (engine.equals("openssl")) {
        assertThat(OpenSsl.isAvailable()).isTrue(); // BoringSSL loads on linux-x86_64
        assertThat(proxy.proxy().tlsEngine().describe()).isEqualTo("openssl (BoringSSL)");
      }
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(certificate.trustingIt())
              .version(HttpClient.Version.HTTP_1_1)
              .build();
      HttpResponse<String> response =
          client.send(
              HttpRequest.newBuilder(URI.create("https://localhost:" + proxy.port() + "/x"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.body()).isEqualTo("web");
      TestBackend.Seen seen = backend.seen().getLast();
      assertThat(seen.headers().get("X-Forwarded-Proto")).isEqualTo("https");
      assertThat(seen.headers().get("Forwarded")).endsWith(";proto=https");
    } finally {
      System.clearProperty(TlsEngine.PROPERTY);
    }
  }

  @Test
  void curlVerifiesTheCertificateAndKeepsItsConnection() throws Exception {
    try (RunningProxy proxy = proxy("")) {
      String url = "https://localhost:" + proxy.port() + "/";
      Curl.Result result =
          Curl.run(
              "--cacert",
              certificate.cert().toString(),
              "--http1.1",
              "-w",
              " %{http_code} %{http_version} %{num_connects}",
              url,
              url);
      assertThat(result.exit()).as(result.err()).isZero();
      // Two requests, one connection: keep-alive works over TLS.
      assertThat(result.out()).isEqualTo("web 200 1.1 1web 200 1.1 0");
    }
  }

  @Test
  void minVersionRefusesOlderProtocols() throws Exception {
    try (RunningProxy proxy = proxy("      minVersion: TLSv1.3\n")) {
      assertThatThrownBy(() -> handshake(proxy.port(), "TLSv1.2"))
          .isInstanceOf(SSLHandshakeException.class);
      assertThat(handshake(proxy.port(), "TLSv1.3")).isEqualTo("TLSv1.3");
    }
    try (RunningProxy proxy = proxy("")) {
      assertThat(handshake(proxy.port(), "TLSv1.2")).isEqualTo("TLSv1.2");
    }
  }

  @Test
  void aClientThatDoesNotCompleteItsHandshakeInTimeIsDisconnected() throws Exception {
    try (RunningProxy proxy = RunningProxy.start(config("", "timeouts:\n  requestHead: 300ms\n"));
        Socket socket = new Socket("127.0.0.1", proxy.port())) {
      socket.setSoTimeout(10_000);
      socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01}); // a hello that never ends
      InputStream in = socket.getInputStream();
      long start = System.nanoTime();
      assertThat(in.read()).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(9));
      assertThat(tlsFailures(proxy)).isEqualTo(1L);
    }
  }

  @Test
  void aPlainHttpRequestToATlsListenerIsClosedAtOnceAndReachesNoBackend() throws Exception {
    try (RunningProxy proxy = proxy("");
        RawHttp client = new RawHttp(proxy.port())) {
      client.send("GET /plain HTTP/1.1\r\nHost: x\r\n\r\n");
      long start = System.nanoTime();
      byte[] answer = client.socket().getInputStream().readAllBytes(); // until the proxy closes
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(9));
      assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/");
      assertThat(backend.seen()).noneMatch(s -> s.uri().equals("/plain"));
      assertThat(tlsFailures(proxy)).isEqualTo(1L);
    }
  }

  @SuppressWarnings("unchecked")
  private static Object tlsFailures(RunningProxy proxy) {
    var listeners =
        (java.util.List<java.util.Map<String, Object>>) proxy.proxy().status().get("listeners");
    return listeners.getFirst().get("tlsFailures");
  }

  /** Handshakes offering only {@code protocol}; returns the protocol agreed. */
  private static String handshake(int port, String protocol) throws Exception {
    try (SSLSocket socket =
        (SSLSocket) certificate.trustingIt().getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      socket.setEnabledProtocols(new String[] {protocol});
      socket.startHandshake();
      return socket.getSession().getProtocol();
    }
  }
}
