package io.prescal.proxy.http2;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.proxy.testing.Curl;
import io.prescal.proxy.testing.RecordingBackend;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestCertificate;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A listener serves HTTP/2 only as its settings say: {@code h2c: false}, {@code alpn}. */
class Http2OptionsTest {
  @TempDir Path dir;

  @Test
  void h2cOffLeavesAPlainListenerHttp11Only() throws Exception {
    try (RecordingBackend backend = RecordingBackend.ok();
        RunningProxy proxy =
            RunningProxy.start(
                "listen:\n  - {address: 127.0.0.1:0, h2c: false}\n"
                    + RunningProxy.service("", backend.address()))) {
      String url = "http://127.0.0.1:" + proxy.port() + "/";
      Curl.Result h2c = Curl.run("--http2-prior-knowledge", url);
      assertThat(h2c.exit()).isNotZero(); // the preface is read as a bad HTTP/1.1 request
      assertThat(backend.received()).isEmpty();
      assertThat(Curl.run("-w", " %{http_version}", url).out()).isEqualTo("ok 1.1");
    }
  }

  @Test
  void alpnWithoutH2KeepsTlsClientsOnHttp11() throws Exception {
    TestCertificate certificate = TestCertificate.create(dir, "localhost");
    try (RecordingBackend backend = RecordingBackend.ok();
        RunningProxy proxy =
            RunningProxy.start(
                "listen:\n  - address: 127.0.0.1:0\n    tls:\n      certificates: ["
                    + certificate.yaml()
                    + "]\n      alpn: [http/1.1]\n"
                    + RunningProxy.service("", backend.address()))) {
      Curl.Result result =
          Curl.run(
              "--http2",
              "--cacert",
              certificate.cert().toString(),
              "-w",
              " %{http_version}",
              "https://localhost:" + proxy.port() + "/");
      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(result.out()).isEqualTo("ok 1.1");
    }
  }
}
