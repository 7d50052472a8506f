package io.prescal.proxy.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * TLS on one listener.
 *
 * @param certificates the certificates it serves; the first is the default, the others are chosen
 *     by the name a client asks for (SNI) when one of their names matches it
 * @param minVersion the oldest protocol accepted: {@code TLSv1.2} or {@code TLSv1.3}
 * @param alpn the application protocols offered, in order of preference ({@code h2}, {@code
 *     http/1.1})
 * @param hsts the {@code max-age} of the {@code Strict-Transport-Security} header added to
 *     responses, or zero for none
 */
public record TlsConfig(
    List<CertificateFiles> certificates, String minVersion, List<String> alpn, Duration hsts) {
  /** Protocol versions a listener may require at least. */
  public static final List<String> VERSIONS = List.of("TLSv1.2", "TLSv1.3");

  public TlsConfig {
    certificates = List.copyOf(certificates);
    alpn = List.copyOf(alpn);
  }

  /**
   * A certificate chain and its private key, as PEM files.
   *
   * @param cert the certificate first, then the intermediates
   * @param key the unencrypted PKCS#8 private key ({@code BEGIN PRIVATE KEY})
   */
  public record CertificateFiles(Path cert, Path key) {}
}
