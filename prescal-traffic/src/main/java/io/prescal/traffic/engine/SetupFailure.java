package io.prescal.traffic.engine;

import io.netty.handler.codec.http2.Http2Exception;
import io.netty.handler.ssl.NotSslRecordException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.util.Locale;

/**
 * Why a connection never became ready, in words, and whether retrying could help. A refused
 * connect, a reset or a timed-out handshake may pass (the server is busy or restarting): they count
 * as {@code connect} errors. An untrusted certificate, a server that does not speak TLS, or one
 * that does not speak HTTP/2 when asked to fails the same way every time: the run stops at once
 * with one line saying what to change, as curl does.
 */
final class SetupFailure {

  private static final int MAX_TEXT = 200;

  private SetupFailure() {}

  /** The server agreed on another protocol than the one the run needs. */
  static final class ProtocolMismatch extends Exception {
    ProtocolMismatch(String message) {
      super(message, null, false, false);
    }
  }

  /**
   * The one line that ends the run for {@code cause}, when no retry can fix it; null when it counts
   * as a connect error.
   *
   * @param target the URL the connection was for
   * @param wire the run's protocol settings
   */
  static String fatal(Target target, Wire wire, Throwable cause) {
    if (cause == null) {
      return null;
    }
    String url = target.url();
    if (find(cause, ProtocolMismatch.class) != null) {
      return url
          + ": "
          + find(cause, ProtocolMismatch.class).getMessage()
          + ", not h2; drop --http2 to send HTTP/1.1";
    }
    Throwable certificate = certificateProblem(cause);
    if (certificate != null) {
      return url
          + ": the server's certificate is not trusted ("
          + text(certificate)
          + "); pass --insecure to accept any certificate, or --cacert FILE to trust its CA";
    }
    if (find(cause, NotSslRecordException.class) != null) {
      return url + ": the server did not answer TLS (is it plain HTTP? then use http://)";
    }
    String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
    if (target.tls() && message.contains("no_application_protocol")) {
      return url
          + ": the server accepts none of the protocols offered in ALPN ("
          + (wire.http2() ? "h2, http/1.1" : "http/1.1")
          + ")"
          + (wire.http2() ? "" : "; it may speak only HTTP/2: try --http2");
    }
    if (wire.http2() && !target.tls() && find(cause, Http2Exception.class) != null) {
      return url
          + ": the server did not answer HTTP/2 with prior knowledge (h2c): "
          + text(find(cause, Http2Exception.class))
          + "; drop --http2, or use https:// for h2 over TLS";
    }
    return null;
  }

  /** A short description of {@code cause} for the report (the first connect error). */
  static String describe(Throwable cause) {
    return cause == null ? "the connection closed before it was ready" : text(cause);
  }

  private static Throwable certificateProblem(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (t instanceof CertificateException
          || t instanceof CertPathValidatorException
          || t instanceof CertPathBuilderException) {
        return t;
      }
    }
    return null;
  }

  private static <T extends Throwable> T find(Throwable cause, Class<T> type) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
    }
    return null;
  }

  private static String text(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    m = m.replaceAll("\\s+", " ").strip();
    return m.length() > MAX_TEXT ? m.substring(0, MAX_TEXT) + "..." : m;
  }
}
