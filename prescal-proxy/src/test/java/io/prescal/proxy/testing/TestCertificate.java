package io.prescal.proxy.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate and its key, made at test time with the {@code openssl} command (ECDSA
 * P-256, valid for two days), for the names given (DNS names, and {@code 127.0.0.1} always).
 *
 * @param cert the PEM certificate file
 * @param key the PEM PKCS#8 key file
 */
public record TestCertificate(Path cert, Path key) {

  /** Makes one in {@code dir}, files named after the first name; the first name is the CN. */
  public static TestCertificate create(Path dir, String... names) throws IOException {
    String base = names[0].replace('*', '_');
    Path cert = dir.resolve(base + ".crt.pem");
    Path key = dir.resolve(base + ".key.pem");
    StringBuilder san = new StringBuilder("subjectAltName=IP:127.0.0.1");
    for (String name : names) {
      san.append(",DNS:").append(name);
    }
    openssl(
        "req",
        "-x509",
        "-newkey",
        "ec",
        "-pkeyopt",
        "ec_paramgen_curve:prime256v1",
        "-nodes",
        "-keyout",
        key.toString(),
        "-out",
        cert.toString(),
        "-days",
        "2",
        "-subj",
        "/CN=" + names[0],
        "-addext",
        san.toString());
    return new TestCertificate(cert, key);
  }

  /** Runs {@code openssl} with {@code args}; fails the test with its output if it fails. */
  public static void openssl(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
        throw new IOException(
            String.join(" ", command)
                + " failed: "
                + new String(process.getInputStream().readAllBytes()));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The certificate as the JDK reads it. */
  public X509Certificate x509() throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(Files.readAllBytes(cert)));
  }

  /** A TLS context that trusts this certificate only. */
  public SSLContext trustingIt() throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    store.setCertificateEntry("test", x509());
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(store);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, trust.getTrustManagers(), null);
    return context;
  }

  /** The listener mapping for YAML: {@code {cert: ..., key: ...}}. */
  public String yaml() {
    return "{cert: \"" + cert + "\", key: \"" + key + "\"}";
  }
}
