package io.prescal.proxy.server;

import io.netty.util.AsciiString;
import io.prescal.proxy.config.ListenerConfig;
import java.time.Duration;

/**
 * What a client connection knows of the listener that accepted it.
 *
 * @param stats the listener's counters
 * @param secure whether clients connect with TLS (forwarding headers say {@code proto=https})
 * @param hsts the {@code Strict-Transport-Security} value its responses carry, or null for none
 */
public record Listener(ListenerStats stats, boolean secure, AsciiString hsts) {
  /** The response header HSTS is sent in. */
  static final AsciiString STRICT_TRANSPORT_SECURITY =
      AsciiString.cached("strict-transport-security");

  /** A plain HTTP listener. */
  public static Listener plain(ListenerStats stats) {
    return new Listener(stats, false, null);
  }

  /** The listener {@code config} describes, counting in {@code stats}. */
  static Listener of(ListenerConfig config, ListenerStats stats) {
    Duration hsts = config.secure() ? config.tls().hsts() : Duration.ZERO;
    return new Listener(
        stats,
        config.secure(),
        hsts.isZero() ? null : new AsciiString("max-age=" + hsts.toSeconds()));
  }
}
