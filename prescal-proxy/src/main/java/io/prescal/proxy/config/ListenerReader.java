package io.prescal.proxy.config;

import io.prescal.proxy.config.TlsConfig.CertificateFiles;
import io.prescal.proxy.tls.CertificateKey;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads {@code listen:}: each item an address ({@code 0.0.0.0:8000}) or a mapping with the address
 * and its TLS settings. Certificate and key files are read and checked here, so that a file the
 * listener could not serve is a problem at start (and for {@code --check-config}).
 */
final class ListenerReader {
  /** The application protocols a TLS listener may offer. */
  static final List<String> PROTOCOLS = List.of("h2", "http/1.1");

  List<ListenerConfig> read(ConfigNode root) {
    List<ListenerConfig> out = new ArrayList<>();
    List<Object> items = root.has("listen") ? root.items("listen") : List.of("0.0.0.0:8000");
    for (Object item : items) {
      ListenerConfig listener =
          item instanceof ConfigNode node ? mapping(node) : plain(root, (String) item);
      if (listener != null) {
        out.add(listener);
      }
    }
    if (items.isEmpty()) {
      root.problem("listen", "empty (expected: at least one ip:port)");
    }
    return out;
  }

  private static ListenerConfig plain(ConfigNode root, String text) {
    InetSocketAddress address = address(text);
    if (address == null) {
      root.problem("listen", "\"" + text + "\" (expected: ip:port, e.g. 0.0.0.0:8000)");
      return null;
    }
    return ListenerConfig.plain(address);
  }

  private ListenerConfig mapping(ConfigNode node) {
    node.allowOnly(List.of("address", "tls", "h2c", "redirectHttps"));
    String text = node.text("address", null);
    InetSocketAddress address = text == null ? null : address(text);
    if (address == null) {
      node.problem(
          "address",
          (text == null ? "missing" : "\"" + text + "\"")
              + " (expected: ip:port, e.g. 0.0.0.0:8443)");
    }
    TlsConfig tls = node.has("tls") ? tls(node.child("tls")) : null;
    boolean h2c = node.bool("h2c", tls == null);
    if (h2c && tls != null) {
      node.problem(
          "h2c", "true on a TLS listener (expected: false; TLS clients choose h2 through ALPN)");
    }
    int redirect = (int) node.integer("redirectHttps", 0, 1, 65535);
    if (redirect != 0 && tls != null) {
      node.problem(
          "redirectHttps",
          redirect
              + " on a TLS listener (expected: only on a plain listener, naming the HTTPS port)");
    }
    return address == null ? null : new ListenerConfig(address, tls, h2c && tls == null, redirect);
  }

  private TlsConfig tls(ConfigNode node) {
    node.allowOnly(List.of("certificates", "minVersion", "alpn", "hsts"));
    List<CertificateFiles> certificates = node.list("certificates", this::certificate);
    if (certificates.isEmpty()) {
      node.problem(
          "certificates",
          "none (expected: a list of {cert: chain.pem, key: key.pem}, the default first)");
    }
    certificates.removeIf(c -> c == null);
    String version = node.text("minVersion", "TLSv1.2");
    String minVersion =
        TlsConfig.VERSIONS.stream()
            .filter(v -> v.equalsIgnoreCase(version))
            .findFirst()
            .orElse(null);
    if (minVersion == null) {
      node.problem("minVersion", "\"" + version + "\" (expected: TLSv1.2 or TLSv1.3)");
      minVersion = "TLSv1.2";
    }
    List<String> alpn = node.has("alpn") ? node.texts("alpn") : PROTOCOLS;
    for (String protocol : alpn) {
      if (!PROTOCOLS.contains(protocol)) {
        node.problem(
            "alpn", "\"" + protocol + "\" (expected: h2 and/or http/1.1, in order of preference)");
      }
    }
    if (alpn.isEmpty() || Set.copyOf(alpn).size() != alpn.size()) {
      node.problem("alpn", alpn + " (expected: h2 and/or http/1.1, each once)");
    }
    Duration hsts = node.duration("hsts", Duration.ZERO, Duration.ZERO);
    return new TlsConfig(certificates, minVersion, alpn, hsts);
  }

  /** One {cert, key} pair, read and checked; null (with a problem recorded) when it cannot be. */
  private CertificateFiles certificate(ConfigNode node) {
    node.allowOnly(List.of("cert", "key"));
    String cert = node.text("cert", null);
    String key = node.text("key", null);
    if (cert == null || key == null) {
      node.problem(
          cert == null ? "cert" : "key",
          "missing (expected: the PEM file of the certificate chain (cert) and of its key (key))");
      return null;
    }
    CertificateFiles files = new CertificateFiles(Path.of(cert), Path.of(key));
    try {
      CertificateKey.read(files.cert(), files.key());
    } catch (CertificateKey.BadFileException e) {
      node.problem("", e.getMessage());
    }
    return files;
  }

  /** An {@code ip:port} (or {@code localhost:port}), or null. */
  private static InetSocketAddress address(String text) {
    InetSocketAddress address = Addresses.parse(text);
    if (address == null || address.isUnresolved() && !text.startsWith("localhost:")) {
      return null;
    }
    return address.isUnresolved() ? new InetSocketAddress("localhost", address.getPort()) : address;
  }
}
