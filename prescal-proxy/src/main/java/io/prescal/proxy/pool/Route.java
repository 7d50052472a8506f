package io.prescal.proxy.pool;

import java.util.List;
import java.util.Locale;

/**
 * Which requests go to a pool: a host (exact, {@code *.suffix} or {@code *} for any) and a path
 * prefix.
 *
 * @param hosts host patterns, lower case, without port
 * @param pathPrefix the path prefix ("/" matches everything)
 * @param pool where matching requests go
 */
public record Route(List<String> hosts, String pathPrefix, ServicePool pool) {
  public Route {
    hosts = hosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  /** Whether the route takes any host ({@code *}): then the Host header need not be looked at. */
  boolean anyHost() {
    return hosts.contains("*");
  }

  boolean matchesHost(String host) {
    for (String pattern : hosts) {
      if (pattern.equals("*") || pattern.equals(host)) {
        return true;
      }
      // "*.example.com" matches "a.example.com": the host ends with ".example.com"
      int suffix = pattern.length() - 1;
      if (pattern.startsWith("*.")
          && host.length() > suffix
          && host.regionMatches(host.length() - suffix, pattern, 1, suffix)) {
        return true;
      }
    }
    return false;
  }
}
