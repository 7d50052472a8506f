package io.prescal.proxy.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * A certificate chain and its private key, read from PEM files and checked to belong together, with
 * the host names the certificate is for (SNI chooses by them). Read by the configuration check and
 * again by the listener, so a file that passes the check is one the listener can serve.
 *
 * @param chain the certificate first, then the intermediates
 * @param key its private key
 * @param names the DNS names of the certificate (subject alternative names, else its common name),
 *     lower case; {@code *.example.com} for a wildcard
 */
public record CertificateKey(List<X509Certificate> chain, PrivateKey key, List<String> names) {
  private static final String PKCS8 = "PRIVATE KEY";
  private static final int DNS_NAME = 2;

  public CertificateKey {
    chain = List.copyOf(chain);
    names = List.copyOf(names);
  }

  /** A certificate or key file that cannot be served; the message is one sentence for the user. */
  public static final class BadFileException extends Exception {
    BadFileException(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * Reads and checks a certificate chain file and its key file.
   *
   * @throws BadFileException naming the file, what is wrong and the fix
   */
  public static CertificateKey read(Path certFile, Path keyFile) throws BadFileException {
    List<X509Certificate> chain = certificates(certFile, text(certFile));
    PrivateKey key = privateKey(keyFile, text(keyFile));
    if (!belongTogether(key, chain.getFirst().getPublicKey())) {
      throw new BadFileException(
          keyFile
              + " is not the private key of the first certificate in "
              + certFile
              + " (expected: the key the certificate was issued for, and the server's own"
              + " certificate first in the chain)");
    }
    return new CertificateKey(chain, key, names(certFile, chain.getFirst()));
  }

  private static String text(Path file) throws BadFileException {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new BadFileException(
          file + ": cannot read it (" + e + "); check the path and its permissions");
    }
  }

  private static List<X509Certificate> certificates(Path file, String pem) throws BadFileException {
    List<byte[]> blocks = blocks(pem, "CERTIFICATE");
    if (blocks.isEmpty()) {
      throw new BadFileException(
          file
              + ": no PEM certificate in it (expected: -----BEGIN CERTIFICATE----- blocks, the"
              + " server's certificate first, then its intermediates)");
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (byte[] der : blocks) {
        chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (CertificateException | IllegalArgumentException e) {
      throw new BadFileException(
          file + ": not a valid X.509 certificate (" + e.getMessage() + "); check the PEM file");
    }
    return chain;
  }

  private static PrivateKey privateKey(Path file, String pem) throws BadFileException {
    List<byte[]> blocks = blocks(pem, PKCS8);
    if (blocks.isEmpty()) {
      String found =
          pem.contains("-----BEGIN RSA PRIVATE KEY-----")
              ? "a PKCS#1 RSA key (BEGIN RSA PRIVATE KEY)"
              : pem.contains("-----BEGIN EC PRIVATE KEY-----")
                  ? "an EC key in SEC1 form (BEGIN EC PRIVATE KEY)"
                  : pem.contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
                      ? "an encrypted key"
                      : "no PEM private key";
      throw new BadFileException(
          file
              + ": "
              + found
              + " (expected: an unencrypted PKCS#8 key, -----BEGIN PRIVATE KEY-----; convert it"
              + " with openssl pkcs8 -topk8 -nocrypt -in "
              + file.getFileName()
              + " -out key.pem)");
    }
    PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(blocks.getFirst());
    for (String algorithm : List.of("RSA", "EC", "Ed25519", "Ed448")) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        // not this algorithm: try the next
      }
    }
    throw new BadFileException(
        file + ": the private key could not be read (expected: an RSA, EC or Ed25519 key)");
  }

  /** Whether {@code key} signs what {@code publicKey} verifies. */
  private static boolean belongTogether(PrivateKey key, PublicKey publicKey) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // Ed25519, Ed448
        };
    try {
      byte[] probe = "prescal".getBytes(StandardCharsets.US_ASCII);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      return false; // a key of another kind than the certificate's
    }
  }

  /** The base64 bodies of the PEM blocks labelled {@code label}, decoded. */
  private static List<byte[]> blocks(String pem, String label) {
    String begin = "-----BEGIN " + label + "-----";
    String end = "-----END " + label + "-----";
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    while (true) {
      int start = pem.indexOf(begin, from);
      if (start < 0) {
        return out;
      }
      int stop = pem.indexOf(end, start);
      if (stop < 0) {
        return out;
      }
      String body = pem.substring(start + begin.length(), stop).replaceAll("\\s", "");
      try {
        out.add(Base64.getDecoder().decode(body));
      } catch (IllegalArgumentException e) {
        out.add(new byte[0]); // reported by the parser as not valid
      }
      from = stop + end.length();
    }
  }

  /** The certificate's DNS names, or its common name when it has none. */
  private static List<String> names(Path file, X509Certificate certificate)
      throws BadFileException {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
      if (alternatives != null) {
        for (List<?> entry : alternatives) {
          if (entry.size() >= 2
              && entry.get(0) instanceof Integer type
              && type == DNS_NAME
              && entry.get(1) instanceof String name) {
            names.add(name.toLowerCase(Locale.ROOT));
          }
        }
      }
    } catch (CertificateParsingException e) {
      throw new BadFileException(
          file
              + ": the certificate's subject alternative names cannot be read ("
              + e.getMessage()
              + "); check the PEM file");
    }
    if (names.isEmpty()) {
      try {
        for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
          if (rdn.getType().equalsIgnoreCase("CN")) {
            names.add(String.valueOf(rdn.getValue()).toLowerCase(Locale.ROOT));
          }
        }
      } catch (InvalidNameException e) {
        // no usable common name: the certificate is served as the default only
      }
    }
    return names;
  }
}
