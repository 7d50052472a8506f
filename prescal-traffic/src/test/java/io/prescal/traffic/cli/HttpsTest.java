package io.prescal.traffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.traffic.ExitCode;
import io.prescal.traffic.testing.Cli;
import io.prescal.traffic.testing.LoopbackServer;
import io.prescal.traffic.testing.ProtocolServer;
import io.prescal.traffic.testing.TlsCertificates;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * https:// targets over HTTP/1.1 against a real TLS server on loopback, with certificates made at
 * test time: trust (the JDK's default, --cacert, --insecure), SNI, ALPN, handshake figures, and the
 * one-line failures that end a run no retry could fix. On both engines: BoringSSL and the JDK's.
 */
class HttpsTest {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static TlsCertificates certs;

  @TempDir Path dir;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certs = TlsCertificates.make();
  }

  @AfterEach
  void defaultEngine() {
    System.clearProperty("prescal.tls");
  }

  private static void engine(String name) {
    if (name.equals("JDK")) {
      System.setProperty("prescal.tls", "jdk");
    }
  }

  private JsonNode json(Path file) throws Exception {
    return JSON.readTree(Files.readString(file));
  }

  @ParameterizedTest
  @ValueSource(strings = {"BoringSSL", "JDK"})
  void insecureAcceptsASelfSignedCertificateAndNamesTheUrlsHostInSni(String engine)
      throws Exception {
    engine(engine);
    try (ProtocolServer server =
        ProtocolServer.builder().tls(certs.selfSigned(), "http/1.1").start()) {
      Path json = dir.resolve("run.json");
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "-n",
              "300",
              "-c",
              "3",
              "-k",
              "--json",
              json.toString(),
              "https://localhost:" + server.port() + "/");

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
      assertThat(server.requests()).isEqualTo(300);
      assertThat(server.connections()).isEqualTo(3);
      assertThat(server.sni()).containsExactly("localhost", "localhost", "localhost");
      assertThat(server.alpn()).containsOnly("http/1.1");
      JsonNode r = json(json);
      assertThat(r.get("protocol").asString()).isEqualTo("http/1.1");
      assertThat(r.get("statuses").get("200").asLong()).isEqualTo(300);
      JsonNode connect = r.get("connect");
      assertThat(connect.get("opened").asLong()).isEqualTo(3);
      assertThat(connect.get("handshake").get("count").asLong()).isEqualTo(3);
      assertThat(connect.get("handshake").get("max").asLong())
          .isLessThanOrEqualTo(connect.get("time").get("max").asLong());
      assertThat(connect.get("tls").asString()).startsWith("TLSv1.3 ").endsWith("(" + engine + ")");
      assertThat(run.out())
          .contains("closed model, http/1.1,")
          .contains("Connections: 3 opened; connect p50")
          .contains("TLS handshake p50")
          .contains("TLS: TLSv1.3");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"BoringSSL", "JDK"})
  void anUntrustedCertificateEndsTheRunWithOneLineSayingWhatToPass(String engine) throws Exception {
    engine(engine);
    try (ProtocolServer server =
        ProtocolServer.builder().tls(certs.selfSigned(), "http/1.1").start()) {
      Cli.Run run = Cli.run("load", "-q", "-n", "100", "-c", "2", server.url() + "/");

      assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
      assertThat(run.err().strip().lines()).hasSize(1);
      assertThat(run.err())
          .contains(server.url() + "/: the server's certificate is not trusted")
          .contains("pass --insecure")
          .contains("--cacert FILE");
      assertThat(run.out()).isEmpty();
      assertThat(server.requests()).isZero();
    }
  }

  @Test
  void caCertTrustsTheServersItsCaSignedAndNoOther() throws Exception {
    Path ca = certs.writeCa(dir.resolve("ca.pem"));
    try (ProtocolServer signed = ProtocolServer.builder().tls(certs.signed(), "http/1.1").start();
        ProtocolServer other =
            ProtocolServer.builder().tls(certs.selfSigned(), "http/1.1").start()) {
      Cli.Run ok =
          Cli.run("load", "-q", "-n", "50", "-c", "1", "--cacert", ca.toString(), signed.url());
      Cli.Run refused =
          Cli.run("load", "-q", "-n", "50", "-c", "1", "--cacert", ca.toString(), other.url());

      assertThat(ok.exit()).as(ok.out() + ok.err()).isEqualTo(ExitCode.OK);
      assertThat(signed.requests()).isEqualTo(50);
      assertThat(refused.exit()).isEqualTo(ExitCode.FAILURE);
      assertThat(refused.err()).contains("certificate is not trusted");
      assertThat(other.requests()).isZero();
    }
  }

  @Test
  void theCertificateMustNameTheUrlsHost() throws Exception {
    Path ca = certs.writeCa(dir.resolve("ca.pem"));
    try (ProtocolServer server =
        ProtocolServer.builder().tls(certs.elsewhere(), "http/1.1").start()) {
      // Signed by the trusted CA, but for elsewhere.test, not 127.0.0.1.
      Cli.Run run =
          Cli.run("load", "-q", "-n", "10", "-c", "1", "--cacert", ca.toString(), server.url());
      Cli.Run insecure = Cli.run("load", "-q", "-n", "10", "-c", "1", "-k", server.url());

      assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
      assertThat(run.err()).contains("certificate is not trusted").contains("127.0.0.1");
      assertThat(insecure.exit()).as(insecure.err()).isEqualTo(ExitCode.OK);
      assertThat(server.requests()).isEqualTo(10);
    }
  }

  @Test
  void aPlainHttpServerBehindAnHttpsUrlIsNamedAsSuch() throws Exception {
    try (LoopbackServer plain = LoopbackServer.start()) {
      String url = plain.url().replace("http://", "https://") + "/";
      Cli.Run run = Cli.run("load", "-q", "-n", "10", "-c", "1", "-k", url);

      assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
      assertThat(run.err().strip().lines()).hasSize(1);
      assertThat(run.err()).contains(url + ": the server did not answer TLS");
    }
  }

  @Test
  void anHttp2OnlyServerSaysToTryHttp2() throws Exception {
    try (ProtocolServer server = ProtocolServer.builder().tls(certs.signed(), "h2").start()) {
      Cli.Run run = Cli.run("load", "-q", "-n", "10", "-c", "1", "-k", server.url() + "/");

      assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
      assertThat(run.err()).contains("accepts none of the protocols").contains("try --http2");
    }
  }

  @Test
  void theOpenModelSendsEveryPlannedRequestOverTls() throws Exception {
    try (ProtocolServer server =
        ProtocolServer.builder().tls(certs.selfSigned(), "http/1.1").start()) {
      Path json = dir.resolve("run.json");
      // A few connections at most: on a busy machine the in-process server's handshakes are slow,
      // and requests then wait for a connection (late) rather than open hundreds of them.
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "-k",
              "--rate",
              "200",
              "-n",
              "300",
              "-c",
              "2",
              "--max-connections",
              "4",
              "--max-lag",
              "1h",
              "--json",
              json.toString(),
              server.url() + "/");

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
      assertThat(server.requests()).isEqualTo(300);
      JsonNode r = json(json);
      assertThat(r.get("completed").asLong()).isEqualTo(300);
      assertThat(r.get("connect").get("opened").asLong()).isBetween(2L, 4L);
    }
  }

  @Test
  void refusedHttpsConnectionsAreConnectErrorsWithTheirCause() throws Exception {
    String url;
    try (LoopbackServer gone = LoopbackServer.start()) {
      url = gone.url().replace("http://", "https://");
    }
    Cli.Run run = Cli.run("load", "-q", "-n", "5", "-c", "1", "-k", url);

    assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
    assertThat(run.out()).contains("connect 5").contains("First connect error:");
  }
}
