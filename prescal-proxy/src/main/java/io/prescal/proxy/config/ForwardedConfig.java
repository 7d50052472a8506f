package io.prescal.proxy.config;

import io.netty.handler.ipfilter.IpSubnetFilterRule;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * How the proxy tells backends who the client is.
 *
 * @param xForwarded add X-Forwarded-For, -Proto and -Host
 * @param rfc7239 add the RFC 7239 Forwarded header
 * @param via the pseudonym in the Via header, or empty for no Via
 * @param trustedProxies clients whose own forwarding headers are kept and extended; from others
 *     they are replaced
 */
public record ForwardedConfig(
    boolean xForwarded, boolean rfc7239, String via, List<IpSubnetFilterRule> trustedProxies) {
  public ForwardedConfig {
    trustedProxies = List.copyOf(trustedProxies);
  }

  /** Whether {@code peer}'s forwarding headers are believed. */
  public boolean trusts(InetSocketAddress peer) {
    for (IpSubnetFilterRule rule : trustedProxies) {
      if (rule.matches(peer)) {
        return true;
      }
    }
    return false;
  }
}
