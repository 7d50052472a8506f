package io.prescal.proxy.pool;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps a request's host and path to its service pool. The route table is immutable and swapped
 * atomically on reload; pools keep their backends across reloads.
 */
public final class ServiceRegistry {
  private volatile List<Route> routes = List.of();
  private volatile Map<String, ServicePool> pools = Map.of();

  /** Replaces every route at once; longer path prefixes and exact hosts win. */
  public void replace(List<Route> newRoutes) {
    Map<String, ServicePool> byName = new LinkedHashMap<>();
    newRoutes.forEach(r -> byName.put(r.pool().name(), r.pool()));
    List<Route> sorted =
        newRoutes.stream()
            .sorted(
                Comparator.comparingInt((Route r) -> -r.pathPrefix().length())
                    .thenComparing(r -> r.hosts().contains("*")))
            .toList();
    this.pools = Map.copyOf(byName);
    this.routes = sorted;
  }

  /**
   * The pool for a request, or null when no service matches.
   *
   * @param hostHeader the Host header (may carry a port), or null
   * @param path the request path
   */
  public ServicePool route(String hostHeader, String path) {
    return route(hostHeader, path, path.length());
  }

  /**
   * The pool for a request, or null when no service matches; the path is the start of the target,
   * so that routing a target with a query makes no copy of its path.
   *
   * @param hostHeader the Host header (may carry a port), or null
   * @param target the request target
   * @param pathEnd where the path ends in {@code target} (before the query), or -1 to route as the
   *     path {@code /} (asterisk and authority forms)
   */
  public ServicePool route(String hostHeader, String target, int pathEnd) {
    String host = null; // worked out only when a route looks at it
    for (Route route : routes) {
      String prefix = route.pathPrefix();
      boolean matches =
          pathEnd < 0
              ? prefix.equals("/")
              : prefix.length() <= pathEnd && target.startsWith(prefix);
      if (!matches) {
        continue;
      }
      if (route.anyHost()) {
        return route.pool();
      }
      if (host == null) {
        host = hostOnly(hostHeader);
      }
      if (route.matchesHost(host)) {
        return route.pool();
      }
    }
    return null;
  }

  /** The pool of service {@code name}, or null. */
  public ServicePool pool(String name) {
    return pools.get(name);
  }

  /** Every pool, by service name. */
  public Map<String, ServicePool> pools() {
    return pools;
  }

  static String hostOnly(String hostHeader) {
    if (hostHeader == null) {
      return "";
    }
    String host = hostHeader.trim().toLowerCase(Locale.ROOT);
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end > 0 ? host.substring(0, end + 1) : host;
    }
    int colon = host.lastIndexOf(':');
    return colon >= 0 ? host.substring(0, colon) : host;
  }
}
