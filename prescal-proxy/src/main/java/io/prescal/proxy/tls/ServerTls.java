package io.prescal.proxy.tls;

import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import io.prescal.proxy.config.TlsConfig;
import io.prescal.proxy.config.TlsConfig.CertificateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TLS listener's certificates: a context per certificate, the one for each new handshake chosen
 * by the name the client asks for (SNI), the first certificate when it asks for none or for a name
 * no certificate has. When the files change, new handshakes get the new certificates: connections
 * already open keep theirs, and files that cannot be served leave the running ones in place, with a
 * warning saying why.
 */
public final class ServerTls implements Mapping<String, SslContext> {
  private static final Logger log = LoggerFactory.getLogger(ServerTls.class);

  private volatile String listener;
  private final TlsConfig config;
  private final TlsEngine engine;
  private volatile Served served;
  // Touched only by the thread that checks the files.
  private List<Stamp> loadedStamps;
  private List<Stamp> seenStamps;

  /** What new handshakes get: the default context and the one for each name. */
  private record Served(SslContext fallback, Mapping<String, SslContext> byName) {}

  /**
   * A file's modification time, size and identity (inode): a change of any means it was rewritten
   * or replaced (a renewal tool swapping a symbolic link counts too: the link is followed).
   */
  private record Stamp(FileTime modified, long size, Object fileKey) {}

  private ServerTls(String listener, TlsConfig config, TlsEngine engine) {
    this.listener = listener;
    this.config = config;
    this.engine = engine;
  }

  /**
   * Reads the listener's certificates and builds their contexts.
   *
   * @param listener the listener's address, for log lines
   * @throws CertificateKey.BadFileException when a file cannot be served
   */
  public static ServerTls load(String listener, TlsConfig config, TlsEngine engine)
      throws CertificateKey.BadFileException {
    ServerTls tls = new ServerTls(listener, config, engine);
    tls.loadedStamps = tls.stamps();
    tls.seenStamps = tls.loadedStamps;
    tls.served = tls.build();
    return tls;
  }

  /** The listener's address once bound (the port picked when 0 was asked for), for log lines. */
  public void boundTo(String address) {
    this.listener = address;
  }

  @Override
  public SslContext map(String hostname) {
    Served current = served;
    return hostname == null ? current.fallback : current.byName.map(hostname);
  }

  /**
   * The first handler of a new connection: reads the client's hello, picks the context for the name
   * it asks for, and becomes that context's TLS handler. A client that has not finished its
   * handshake within {@code handshakeTimeoutMillis} is disconnected.
   */
  public SniHandler newHandler(long handshakeTimeoutMillis) {
    return new SniHandler(this, handshakeTimeoutMillis);
  }

  /**
   * Reloads the certificates if their files changed and have stayed the same since the last check
   * (a renewal writes the certificate and the key one after the other: the pair is read once both
   * are written). Call it from one thread, every second or so.
   */
  public void checkFiles() {
    List<Stamp> now = stamps();
    boolean settled = now.equals(seenStamps);
    seenStamps = now;
    if (!settled || now.equals(loadedStamps)) {
      return;
    }
    loadedStamps = now;
    try {
      served = build();
      log.info("{}: certificates reloaded ({}); new handshakes use them", listener, names());
    } catch (CertificateKey.BadFileException e) {
      log.warn(
          "{}: certificate files changed but cannot be served, the previous ones stay: {}",
          listener,
          e.getMessage());
    }
  }

  /** The names of the certificates, for log lines. */
  public String names() {
    List<String> all = new ArrayList<>();
    for (CertificateFiles files : config.certificates()) {
      all.add(files.cert().getFileName().toString());
    }
    return String.join(", ", all);
  }

  /** Whether ALPN offers h2 (the connection may become HTTP/2 after the handshake). */
  public boolean offersHttp2() {
    return config.alpn().contains("h2");
  }

  /** The engine the contexts are built with. */
  public TlsEngine engine() {
    return engine;
  }

  private Served build() throws CertificateKey.BadFileException {
    List<CertificateKey> keys = new ArrayList<>();
    for (CertificateFiles files : config.certificates()) {
      keys.add(CertificateKey.read(files.cert(), files.key()));
    }
    SslContext fallback = context(keys.getFirst());
    DomainWildcardMappingBuilder<SslContext> byName = new DomainWildcardMappingBuilder<>(fallback);
    Set<String> taken = new HashSet<>();
    for (int i = 0; i < keys.size(); i++) {
      CertificateKey key = keys.get(i);
      SslContext context = i == 0 ? fallback : context(key);
      for (String name : key.names()) {
        if (taken.add(name)) { // a name two certificates share goes to the first listed
          byName.add(name, context);
        }
      }
    }
    return new Served(fallback, byName.build());
  }

  private SslContext context(CertificateKey key) throws CertificateKey.BadFileException {
    List<String> protocols =
        config.minVersion().equals("TLSv1.3") ? List.of("TLSv1.3") : TlsConfig.VERSIONS;
    try {
      return SslContextBuilder.forServer(key.key(), key.chain())
          .sslProvider(engine.provider())
          .protocols(protocols)
          // Modern AEAD suites with forward secrecy only: what RFC 9113 9.2.2 asks for h2, and
          // what Mozilla's "intermediate" profile offers HTTP/1.1 clients.
          .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
          .applicationProtocolConfig(
              new ApplicationProtocolConfig(
                  ApplicationProtocolConfig.Protocol.ALPN,
                  ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                  ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                  config.alpn()))
          .build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new CertificateKey.BadFileException(
          key.names()
              + ": the TLS engine "
              + engine.name()
              + " refused it ("
              + e.getMessage()
              + ")");
    }
  }

  private List<Stamp> stamps() {
    List<Stamp> stamps = new ArrayList<>();
    for (CertificateFiles files : config.certificates()) {
      stamps.add(stamp(files.cert()));
      stamps.add(stamp(files.key()));
    }
    return stamps;
  }

  private static Stamp stamp(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
    } catch (IOException e) {
      return new Stamp(null, -1, null); // missing for now: a change once it is back
    }
  }
}
