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

  boolean matches(String host, String path) {
    return path.startsWith(pathPrefix) && matchesHost(host);
  }

  private boolean matchesHost(String host) {
    for (String pattern : hosts) {
      if (pattern.equals("*") || pattern.equals(host)) {
        return true;
      }
      if (pattern.startsWith("*.") && host.endsWith(pattern.substring(1))) {
        return true;
      }
    }
    return false;
  }
}
