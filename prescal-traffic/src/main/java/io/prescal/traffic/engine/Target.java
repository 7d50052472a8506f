package io.prescal.traffic.engine;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One URL to load, with its HTTP/1.1 request encoded once: every send writes a view of the same
 * bytes, as wrk does, so the hot path never formats a request. HTTP/2 builds its headers from
 * {@link #spec} once per connection. Equality is by identity (the array).
 *
 * @param url the URL as given
 * @param tls whether the scheme is https
 * @param host the URL's host (without brackets for IPv6): TLS's SNI and certificate check
 * @param address where to connect (resolved once)
 * @param authority host and port as the Host header and HTTP/2's :authority give them
 * @param path the path and query
 * @param spec what every request carries
 * @param head whether the method is HEAD (its responses have no body)
 * @param request the whole HTTP/1.1 request's bytes (each worker copies them once into direct
 *     memory)
 */
public record Target(
    String url,
    boolean tls,
    String host,
    InetSocketAddress address,
    String authority,
    String path,
    RequestSpec spec,
    boolean head,
    byte[] request) {

  private static final String EXPECTED = " (expected: http://HOST[:PORT]/PATH or https://...)";

  /**
   * Parses {@code url} and encodes its request.
   *
   * @throws IllegalArgumentException naming the URL and what is wrong with it
   */
  public static Target of(String url, RequestSpec spec) {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "\""
              + url
              + "\" is not a URL ("
              + e.getReason()
              + "); expected e.g. http://127.0.0.1:8000/");
    }
    String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!"http".equals(scheme) && !"https".equals(scheme)) {
      throw new IllegalArgumentException(
          "\""
              + url
              + "\": scheme "
              + (scheme == null ? "missing" : "\"" + uri.getScheme() + "\" not supported")
              + EXPECTED);
    }
    if (uri.getHost() == null) {
      throw new IllegalArgumentException("\"" + url + "\" has no host" + EXPECTED);
    }
    boolean tls = scheme.equals("https");
    int port = uri.getPort() == -1 ? (tls ? 443 : 80) : uri.getPort();
    String bareHost =
        uri.getHost().startsWith("[")
            ? uri.getHost().substring(1, uri.getHost().length() - 1)
            : uri.getHost();
    InetSocketAddress address = new InetSocketAddress(bareHost, port);
    if (address.isUnresolved()) {
      throw new IllegalArgumentException(
          "\"" + url + "\": host \"" + uri.getHost() + "\" does not resolve (check the name)");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (uri.getRawQuery() != null) {
      path += "?" + uri.getRawQuery();
    }
    String authority = uri.getPort() == -1 ? uri.getHost() : uri.getHost() + ":" + port;
    byte[] bytes = encode(spec, path, authority);
    return new Target(
        url, tls, bareHost, address, authority, path, spec, spec.method().equals("HEAD"), bytes);
  }

  /** Where its connections go: scheme, host (as named: SNI differs by name) and port. */
  public String origin() {
    return (tls ? "https://" : "http://") + authorityWithPort();
  }

  private String authorityWithPort() {
    String h = host.contains(":") ? "[" + host + "]" : host;
    return h.toLowerCase(Locale.ROOT) + ":" + address.getPort();
  }

  private static byte[] encode(RequestSpec spec, String path, String host) {
    StringBuilder head = new StringBuilder(256);
    head.append(spec.method()).append(' ').append(path).append(" HTTP/1.1\r\n");
    boolean hasHost = spec.hasHeader("host");
    if (!hasHost) {
      head.append("Host: ").append(host).append("\r\n");
    }
    if (!spec.hasHeader("user-agent")) {
      head.append("User-Agent: prescal-traffic\r\n");
    }
    if (!spec.keepAlive()) {
      head.append("Connection: close\r\n");
    }
    spec.headers()
        .forEach(h -> head.append(h.name()).append(": ").append(h.value()).append("\r\n"));
    boolean bodyMethod =
        switch (spec.method().toUpperCase(Locale.ROOT)) {
          case "POST", "PUT", "PATCH" -> true;
          default -> false;
        };
    if ((spec.body().length > 0 || bodyMethod) && !spec.hasHeader("content-length")) {
      head.append("Content-Length: ").append(spec.body().length).append("\r\n");
    }
    head.append("\r\n");
    ByteArrayOutputStream out = new ByteArrayOutputStream(head.length() + spec.body().length);
    out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
    out.writeBytes(spec.body());
    return out.toByteArray();
  }

  /** The request bytes as text, for tests and debugging. */
  public String requestText() {
    return new String(request, StandardCharsets.ISO_8859_1);
  }
}
