package io.prescal.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.prescal.proxy.testing.TestCertificate;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code listen:} items: plain addresses, and mappings with TLS settings checked at load. */
class ListenerConfigTest {
  @TempDir static Path dir;
  private static TestCertificate a;
  private static TestCertificate b;
  private static final String SERVICES =
      "services:\n  - name: web\n    backends: [{address: 127.0.0.1:9001}]\n";

  @BeforeAll
  static void certificates() throws Exception {
    a = TestCertificate.create(dir, "a.example");
    b = TestCertificate.create(dir, "b.example");
  }

  @Test
  void plainAddressesAndTlsMappingsMix() throws Exception {
    ProxyConfig config =
        ConfigLoader.parse(
            "listen:\n  - 127.0.0.1:8000\n  - address: 127.0.0.1:8443\n    tls:\n"
                + "      certificates: ["
                + a.yaml()
                + ", "
                + b.yaml()
                + "]\n      hsts: 365d\n"
                + SERVICES,
            "t");
    ListenerConfig plain = config.listeners().get(0);
    assertThat(plain.secure()).isFalse();
    assertThat(plain.h2c()).isTrue();
    ListenerConfig tls = config.listeners().get(1);
    assertThat(tls.address().getPort()).isEqualTo(8443);
    assertThat(tls.h2c()).isFalse();
    assertThat(tls.tls().certificates()).hasSize(2);
    assertThat(tls.tls().minVersion()).isEqualTo("TLSv1.2");
    assertThat(tls.tls().alpn()).containsExactly("h2", "http/1.1");
    assertThat(tls.tls().hsts()).isEqualTo(Duration.ofDays(365));
    assertThat(config.listen()).extracting(a -> a.getPort()).containsExactly(8000, 8443);
  }

  @Test
  void everyTlsProblemIsListedAtOnceNamingTheFileAndTheFix() throws Exception {
    Path sec1 = dir.resolve("sec1.key.pem");
    TestCertificate.openssl(
        "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", sec1.toString());
    String yaml =
        "listen:\n"
            + "  - address: 127.0.0.1:8443\n"
            + "    h2c: true\n"
            + "    redirectHttps: 443\n"
            + "    tls:\n"
            + "      certificates:\n"
            + "        - {cert: /nonexistent/cert.pem, key: "
            + a.key()
            + "}\n"
            + "        - {cert: "
            + a.cert()
            + ", key: "
            + sec1
            + "}\n"
            + "        - {cert: "
            + a.cert()
            + ", key: "
            + b.key()
            + "}\n"
            + "        - {cert: "
            + a.cert()
            + "}\n"
            + "      minVersion: TLSv1.1\n"
            + "      alpn: [spdy/3]\n"
            + "      ciphers: all\n"
            + "  - address: nowhere\n"
            + "  - tls: {certificates: []}\n"
            + SERVICES;
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "t.yml"));
    List<String> problems = e.problems();
    assertThat(problems)
        .contains(
            "listen[0].tls.ciphers: unknown key (expected one of: certificates, minVersion, alpn,"
                + " hsts)",
            "listen[0].tls.minVersion: \"TLSv1.1\" (expected: TLSv1.2 or TLSv1.3)",
            "listen[0].tls.alpn: \"spdy/3\" (expected: h2 and/or http/1.1, in order of preference)",
            "listen[0].tls.certificates[3].key: missing (expected: the PEM file of the certificate"
                + " chain (cert) and of its key (key))",
            "listen[0].h2c: true on a TLS listener (expected: false; TLS clients choose h2 through"
                + " ALPN)",
            "listen[0].redirectHttps: 443 on a TLS listener (expected: only on a plain listener,"
                + " naming the HTTPS port)",
            "listen[1].address: \"nowhere\" (expected: ip:port, e.g. 0.0.0.0:8443)",
            "listen[2].address: missing (expected: ip:port, e.g. 0.0.0.0:8443)",
            "listen[2].tls.certificates: none (expected: a list of {cert: chain.pem, key: key.pem},"
                + " the default first)");
    assertThat(problems)
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("listen[0].tls.certificates[0]: /nonexistent/cert.pem: cannot read")
                    .endsWith("check the path and its permissions"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .startsWith("listen[0].tls.certificates[1]: " + sec1 + ": an EC key in SEC1")
                    .contains("openssl pkcs8 -topk8 -nocrypt -in sec1.key.pem -out key.pem"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .isEqualTo(
                        "listen[0].tls.certificates[2]: "
                            + b.key()
                            + " is not the private key of the first certificate in "
                            + a.cert()
                            + " (expected: the key the certificate was issued for, and the"
                            + " server's own certificate first in the chain)"));
    assertThat(problems).hasSize(12);
  }
}
