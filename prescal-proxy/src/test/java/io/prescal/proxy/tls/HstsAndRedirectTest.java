package io.prescal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RecordingBackend;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestCertificate;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TLS listener's {@code hsts} replaces a backend's own header on both response paths (copied
 * heads and decoded ones); a plain listener's {@code redirectHttps} sends every request to HTTPS.
 */
class HstsAndRedirectTest {
  @TempDir Path dir;

  @Test
  void hstsIsSetOnceOnCopiedAndDecodedResponses() throws Exception {
    TestCertificate certificate = TestCertificate.create(dir, "localhost");
    // The backend sends its own header; "/chunked" gets a chunked answer (the decoded path).
    try (RecordingBackend backend =
            RecordingBackend.answering(
                r ->
                    r.head().startsWith("GET /chunked")
                        ? "HTTP/1.1 200 OK\r\nStrict-Transport-Security: max-age=5\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n2\r\nok\r\n0\r\n\r\n"
                        : "HTTP/1.1 200 OK\r\nstrict-transport-security: max-age=5\r\n"
                            + "Content-Length: 2\r\n\r\nok");
        RunningProxy proxy =
            RunningProxy.start(
                "listen:\n  - address: 127.0.0.1:0\n    tls:\n      certificates: ["
                    + certificate.yaml()
                    + "]\n      hsts: 1d\n"
                    + RunningProxy.service("", backend.address()))) {
      HttpClient client =
          HttpClient.newBuilder()
              .sslContext(certificate.trustingIt())
              .version(HttpClient.Version.HTTP_1_1)
              .build();
      for (String path : List.of("/copied", "/chunked")) {
        HttpResponse<String> response =
            client.send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + proxy.port() + path))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo("ok");
        assertThat(response.headers().allValues("strict-transport-security"))
            .as(path)
            .containsExactly("max-age=86400");
      }
    }
  }

  @Test
  void aPlainListenerRedirectsEveryRequestToHttpsAndKeepsItsConnection() throws Exception {
    try (RecordingBackend backend = RecordingBackend.ok();
        RunningProxy proxy =
            RunningProxy.start(
                "listen:\n  - address: 127.0.0.1:0\n    redirectHttps: 8443\n"
                    + RunningProxy.service("", backend.address()))) {
      try (RawHttp client = new RawHttp(proxy.port())) {
        RawHttp.Response first =
            client.send("GET /a/b?c=d HTTP/1.1\r\nHost: shop.example:8080\r\n\r\n").read();
        assertThat(first.status()).isEqualTo(308);
        assertThat(first.header("Location")).isEqualTo("https://shop.example:8443/a/b?c=d");
        RawHttp.Response second = client.send("DELETE /x HTTP/1.1\r\nHost: [::1]\r\n\r\n").read();
        assertThat(second.header("Location")).isEqualTo("https://[::1]:8443/x");
        // A body is not read: the connection closes after the answer.
        RawHttp.Response third =
            client
                .send("POST /f HTTP/1.1\r\nHost: shop.example\r\nContent-Length: 3\r\n\r\nabc")
                .read();
        assertThat(third.status()).isEqualTo(308);
        assertThat(third.header("Connection")).isEqualTo("close");
        assertThat(client.closedByPeer()).isTrue();
      }
      try (RawHttp client = new RawHttp(proxy.port())) {
        // The same checks as a proxied request: two Host lines are refused.
        RawHttp.Response refused =
            client.send("GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n").read();
        assertThat(refused.status()).isEqualTo(400);
      }
      assertThat(backend.received()).isEmpty();
    }
  }

  @Test
  void port443IsLeftOutOfTheLocation() throws Exception {
    try (RecordingBackend backend = RecordingBackend.ok();
        RunningProxy proxy =
            RunningProxy.start(
                "listen:\n  - address: 127.0.0.1:0\n    redirectHttps: 443\n"
                    + RunningProxy.service("", backend.address()));
        RawHttp client = new RawHttp(proxy.port())) {
      RawHttp.Response response =
          client.send("GET http://shop.example:80/x HTTP/1.1\r\nHost: shop.example\r\n\r\n").read();
      assertThat(response.header("Location")).isEqualTo("https://shop.example/x");
    }
  }
}
