package io.prescal.proxy.config;

import java.net.InetSocketAddress;

/**
 * One address clients connect to, and how they speak there.
 *
 * @param address where it listens
 * @param tls TLS settings, or null for plain HTTP
 * @param h2c whether a plain listener also takes HTTP/2 by prior knowledge (a connection that
 *     starts with the HTTP/2 preface); false on TLS listeners, where ALPN chooses
 * @param redirectHttps for a plain listener, the HTTPS port every request is redirected to (308),
 *     or 0 to serve requests
 */
public record ListenerConfig(
    InetSocketAddress address, TlsConfig tls, boolean h2c, int redirectHttps) {

  /** A plain listener with HTTP/1.1 and h2c. */
  public static ListenerConfig plain(InetSocketAddress address) {
    return new ListenerConfig(address, null, true, 0);
  }

  /** Whether clients connect with TLS. */
  public boolean secure() {
    return tls != null;
  }
}
