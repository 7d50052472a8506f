package io.prescal.traffic.net;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * The client side of TLS for {@code https://} targets, built once per run: which certificates are
 * trusted, which engine encrypts, and what ALPN offers. Each connection gets its own {@link
 * SslHandler} with SNI set to its URL's host.
 *
 * <p>The engine is BoringSSL (netty-tcnative) where its native library loads, the JDK's otherwise;
 * {@code -Dprescal.tls=jdk} picks the JDK's. BoringSSL is the faster one: wrk and h2load use
 * OpenSSL, so a generator on the JDK's engine would measure itself against them, not the server.
 */
public final class ClientTls {

  private final SslContext context;
  private final String engine;
  private final Duration handshakeTimeout;

  private ClientTls(SslContext context, String engine, Duration handshakeTimeout) {
    this.context = context;
    this.engine = engine;
    this.handshakeTimeout = handshakeTimeout;
  }

  /**
   * The client TLS of a run.
   *
   * @param insecure trust any certificate and any host name (curl's {@code -k}); for self-signed
   *     test servers
   * @param caCert a PEM file of the CA certificates to trust instead of the JDK's default ones (as
   *     curl's {@code --cacert}), or null
   * @param http2 whether ALPN offers h2 (and http/1.1, so a server without h2 says what it chose)
   *     or http/1.1 alone
   * @param handshakeTimeout the longest wait for a handshake (the connect timeout: a handshake is
   *     part of making the connection)
   * @throws IllegalArgumentException naming the file and what is wrong with it, or the conflict
   */
  public static ClientTls of(
      boolean insecure, Path caCert, boolean http2, Duration handshakeTimeout) {
    if (insecure && caCert != null) {
      throw new IllegalArgumentException(
          "--insecure and --cacert: give one of them (--insecure trusts any certificate)");
    }
    boolean jdk = "jdk".equals(System.getProperty("prescal.tls")) || !OpenSsl.isAvailable();
    SslContextBuilder builder =
        SslContextBuilder.forClient()
            .sslProvider(jdk ? SslProvider.JDK : SslProvider.OPENSSL)
            .protocols("TLSv1.3", "TLSv1.2")
            .applicationProtocolConfig(alpn(http2));
    if (insecure) {
      builder
          .trustManager(InsecureTrustManagerFactory.INSTANCE)
          .endpointIdentificationAlgorithm(null);
    } else if (caCert != null) {
      builder.trustManager(readCertificates(caCert));
    }
    try {
      return new ClientTls(builder.build(), jdk ? "JDK" : "BoringSSL", handshakeTimeout);
    } catch (SSLException e) {
      throw new IllegalStateException("TLS could not be set up: " + e.getMessage(), e);
    }
  }

  private static ApplicationProtocolConfig alpn(boolean http2) {
    List<String> offered =
        http2
            ? List.of(ApplicationProtocolNames.HTTP_2, ApplicationProtocolNames.HTTP_1_1)
            : List.of(ApplicationProtocolNames.HTTP_1_1);
    // The choice is checked by the connection, which says clearly what the server picked.
    return new ApplicationProtocolConfig(
        ApplicationProtocolConfig.Protocol.ALPN,
        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
        offered);
  }

  private static List<X509Certificate> readCertificates(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certs =
          CertificateFactory.getInstance("X.509").generateCertificates(in).stream()
              .map(X509Certificate.class::cast)
              .toList();
      if (certs.isEmpty()) {
        throw new IllegalArgumentException(
            "--cacert "
                + file
                + ": not a PEM certificate file (expected \"-----BEGIN CERTIFICATE-----\")");
      }
      return certs;
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException("--cacert " + file + ": no such file");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--cacert " + file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "--cacert "
              + file
              + ": not a PEM certificate file (expected \"-----BEGIN CERTIFICATE-----\")");
    }
  }

  /**
   * A handler for one connection to {@code host:port}. SNI names {@code host} unless it is an IP
   * address (RFC 6066 has no IP names), dotless names such as localhost included, as curl does;
   * both engines leave those out by themselves.
   */
  public SslHandler newHandler(ByteBufAllocator alloc, String host, int port) {
    SslHandler handler = context.newHandler(alloc, host, port);
    handler.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
    if (!NetUtil.isValidIpV4Address(host) && !NetUtil.isValidIpV6Address(host)) {
      SSLEngine engine = handler.engine();
      SSLParameters parameters = engine.getSSLParameters();
      parameters.setServerNames(List.of(new SNIHostName(host)));
      engine.setSSLParameters(parameters);
    }
    return handler;
  }

  /** "BoringSSL" or "JDK", for reports. */
  public String engine() {
    return engine;
  }
}
