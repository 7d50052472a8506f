package io.prescal.proxy.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS implementation: BoringSSL through netty-tcnative where its native library loads
 * (linux-x86_64), the JDK's own engine elsewhere. BoringSSL is the one HAProxy-class proxies are
 * measured with (OpenSSL-class handshakes and record encryption, without the JDK engine's buffer
 * copies); {@code -Dprescal.tls=jdk} picks the JDK's.
 *
 * @param name {@code openssl} or {@code jdk}
 * @param provider Netty's name for it
 */
public record TlsEngine(String name, SslProvider provider) {
  private static final Logger log = LoggerFactory.getLogger(TlsEngine.class);

  /** The system property that picks an engine: openssl or jdk. */
  public static final String PROPERTY = "prescal.tls";

  /** The engines in order of preference. */
  public static final List<String> NAMES = List.of("openssl", "jdk");

  /**
   * The best engine here, or the one {@code -Dprescal.tls} names; openssl named where its library
   * does not load gives way to the JDK's, with a warning saying why.
   *
   * @throws IllegalArgumentException when the property names no engine
   */
  public static TlsEngine detect() {
    String wanted = System.getProperty(PROPERTY);
    String name = wanted == null ? NAMES.getFirst() : wanted.trim().toLowerCase(Locale.ROOT);
    if (!NAMES.contains(name)) {
      throw new IllegalArgumentException(
          "-D" + PROPERTY + "=" + wanted + " is not a TLS engine; expected one of " + NAMES);
    }
    if (name.equals("openssl")) {
      if (OpenSsl.isAvailable()) {
        return new TlsEngine(name, SslProvider.OPENSSL);
      }
      if (wanted != null) {
        log.warn("TLS engine openssl is not available here ({}); using jdk", cause());
      } else {
        log.debug("TLS engine openssl is not available here ({})", cause());
      }
    }
    return new TlsEngine("jdk", SslProvider.JDK);
  }

  private static String cause() {
    Throwable cause = OpenSsl.unavailabilityCause();
    return cause == null ? "unknown" : cause.toString();
  }

  /** How the start-up line names it: {@code openssl (BoringSSL)} or {@code jdk}. */
  public String describe() {
    return provider == SslProvider.JDK ? name : name + " (" + OpenSsl.versionString() + ")";
  }
}
