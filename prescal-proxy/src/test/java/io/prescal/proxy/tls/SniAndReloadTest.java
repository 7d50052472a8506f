package io.prescal.proxy.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.proxy.events.LogCapture;
import io.prescal.proxy.testing.Curl;
import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import io.prescal.proxy.testing.TestCertificate;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several certificates on one listener, chosen by the name the client asks for (SNI); and the files
 * reloaded when they change: new handshakes get the new certificate, open connections go on, and
 * files that cannot be served leave the running ones in place.
 */
class SniAndReloadTest {
  @TempDir Path dir;

  @Test
  void theCertificateIsChosenByTheNameTheClientAsksFor() throws Exception {
    TestCertificate a = TestCertificate.create(dir, "a.example");
    TestCertificate b = TestCertificate.create(dir, "b.example", "*.b.example");
    try (TestBackend backend = TestBackend.named("web");
        RunningProxy proxy =
            RunningProxy.start(
                "listen:\n  - address: 127.0.0.1:0\n    tls:\n      certificates: ["
                    + a.yaml()
                    + ", "
                    + b.yaml()
                    + "]\n"
                    + RunningProxy.service("", backend.address()))) {
      int port = proxy.port();
      assertThat(served(port, "a.example")).isEqualTo("CN=a.example");
      assertThat(served(port, "b.example")).isEqualTo("CN=b.example");
      assertThat(served(port, "shop.b.example")).isEqualTo("CN=b.example"); // wildcard
      assertThat(served(port, "other.example")).isEqualTo("CN=a.example"); // the default
      assertThat(served(port, null)).isEqualTo("CN=a.example"); // no SNI

      // curl checks the certificate against the name it asked for.
      for (TestCertificate certificate : List.of(a, b)) {
        String name = certificate.x509().getSubjectX500Principal().getName().substring(3);
        Curl.Result result =
            Curl.run(
                "--cacert",
                certificate.cert().toString(),
                "--resolve",
                name + ":" + port + ":127.0.0.1",
                "https://" + name + ":" + port + "/");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out()).isEqualTo("web");
      }
    }
  }

  @Test
  void changedFilesServeNewHandshakesWhileOpenConnectionsGoOn() throws Exception {
    TestCertificate first = TestCertificate.create(dir, "localhost");
    Path certFile = dir.resolve("live.crt.pem");
    Path keyFile = dir.resolve("live.key.pem");
    Files.copy(first.cert(), certFile);
    Files.copy(first.key(), keyFile);
    Path next = Files.createDirectory(dir.resolve("next"));
    TestCertificate second = TestCertificate.create(next, "localhost");
    try (TestBackend backend = TestBackend.named("web");
        RunningProxy proxy =
            RunningProxy.start(
                "listen:\n  - address: 127.0.0.1:0\n    tls:\n      certificates: [{cert: \""
                    + certFile
                    + "\", key: \""
                    + keyFile
                    + "\"}]\n"
                    + RunningProxy.service("", backend.address()));
        LogCapture log = new LogCapture(ServerTls.class.getName())) {
      int port = proxy.port();
      assertThat(serial(port)).isEqualTo(first.x509().getSerialNumber());
      SSLSocket open = connect(port, null);
      RawHttp kept = new RawHttp(open);
      assertThat(kept.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("web");

      replace(second.cert(), certFile);
      replace(second.key(), keyFile);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> serial(port).equals(second.x509().getSerialNumber()));
      // The connection opened before the change goes on, with its certificate.
      assertThat(kept.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read().body()).isEqualTo("web");
      assertThat(((X509Certificate) open.getSession().getPeerCertificates()[0]).getSerialNumber())
          .isEqualTo(first.x509().getSerialNumber());
      kept.close();
      assertThat(log.lines()).anyMatch(l -> l.startsWith("INFO ") && l.contains("reloaded"));

      // A key that is not the certificate's: refused, the running certificate stays.
      replace(first.key(), keyFile);
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> log.lines().stream().anyMatch(l -> l.startsWith("WARN ")));
      assertThat(log.lines())
          .filteredOn(l -> l.startsWith("WARN "))
          .first()
          .asString()
          .contains("cannot be served, the previous ones stay")
          .contains(keyFile + " is not the private key of the first certificate in " + certFile);
      assertThat(serial(port)).isEqualTo(second.x509().getSerialNumber());
    }
  }

  /** The serial number of the certificate a new handshake gets. */
  private static BigInteger serial(int port) throws Exception {
    try (SSLSocket socket = connect(port, null)) {
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
    }
  }

  /** The subject of the certificate served when asking for {@code name} (null: no SNI). */
  private static String served(int port, String name) throws Exception {
    try (SSLSocket socket = connect(port, name)) {
      return ((X509Certificate) socket.getSession().getPeerCertificates()[0])
          .getSubjectX500Principal()
          .getName();
    }
  }

  /** A TLS connection that trusts any certificate (the test looks at which one it got). */
  private static SSLSocket connect(int port, String name) throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new TrustAll()}, null);
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setServerNames(name == null ? List.of() : List.of(new SNIHostName(name)));
    socket.setSSLParameters(parameters);
    socket.startHandshake();
    return socket;
  }

  /** Writes {@code source} over {@code target} in one step, as renewal tools do. */
  private static void replace(Path source, Path target) throws Exception {
    Path temporary = target.resolveSibling(target.getFileName() + ".new");
    Files.copy(source, temporary, StandardCopyOption.REPLACE_EXISTING);
    Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
