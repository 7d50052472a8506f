package io.prescal.traffic.testing;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Certificates made at test time: a CA, a server certificate it signs for 127.0.0.1 and localhost,
 * one it signs for another name, and a self-signed one (what a test server or a developer's box
 * has).
 */
public final class TlsCertificates {

  private final X509Bundle ca;
  private final X509Bundle signed;
  private final X509Bundle selfSigned;
  private final X509Bundle elsewhere;

  private TlsCertificates() throws Exception {
    ca =
        new CertificateBuilder()
            .subject("CN=Prescal Test CA")
            .setIsCertificateAuthority(true)
            .ecp256()
            .buildSelfSigned();
    signed = server().buildIssuedBy(ca);
    // As `openssl req -x509` makes one: its own issuer, marked as a CA.
    selfSigned = server().setIsCertificateAuthority(true).buildSelfSigned();
    elsewhere =
        new CertificateBuilder()
            .subject("CN=elsewhere.test")
            .addSanDnsName("elsewhere.test")
            .addExtendedKeyUsageServerAuth()
            .ecp256()
            .buildIssuedBy(ca);
  }

  private static CertificateBuilder server() {
    return new CertificateBuilder()
        .subject("CN=localhost")
        .addSanDnsName("localhost")
        .addSanIpAddress("127.0.0.1")
        .addExtendedKeyUsageServerAuth()
        .ecp256();
  }

  /** A fresh set. */
  public static TlsCertificates make() throws Exception {
    return new TlsCertificates();
  }

  /** The server certificate the CA signed (with its chain). */
  public X509Bundle signed() {
    return signed;
  }

  /** A server certificate the CA signed for another host (elsewhere.test) only. */
  public X509Bundle elsewhere() {
    return elsewhere;
  }

  /** A self-signed server certificate. */
  public X509Bundle selfSigned() {
    return selfSigned;
  }

  /** Writes the CA's certificate as PEM to {@code file}, for {@code --cacert}. */
  public Path writeCa(Path file) throws Exception {
    return Files.writeString(file, ca.getCertificatePEM());
  }
}
