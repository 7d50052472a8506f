package io.prescal.proxy.admin;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.AsciiString;
import io.netty.util.NetUtil;
import io.prescal.proxy.config.Addresses;
import io.prescal.proxy.config.AdminConfig;
import io.prescal.proxy.http.HostLines;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides, before any routing, whether an admin request may be served at all. The rules keep a web
 * page in an operator's browser from using the admin API:
 *
 * <ol>
 *   <li>{@code Host} must name the admin: an address it listens on (any loopback address and {@code
 *       localhost} when it listens on loopback or on every address) or one of {@code
 *       admin.allowedHosts}; else 421, which defeats DNS rebinding. Its port is not compared, so
 *       that port forwarding works. HTTP/1.1 without {@code Host}, or with several: 400.
 *   <li>With a token, {@code Authorization: Bearer <token>}, compared in constant time; else 401.
 *   <li>A state-changing method (anything but GET, HEAD, OPTIONS and TRACE) carrying {@code
 *       Origin}, {@code Referer} or {@code Sec-Fetch-Site} that names another site: 403.
 *   <li>A state-changing method needs {@value #HEADER} or a {@code Content-Type} no HTML form can
 *       send: else 403. A browser sends either cross-site only after a CORS preflight, which the
 *       admin never grants.
 * </ol>
 *
 * Built once per bind; immutable and shared by every admin connection.
 */
final class AdminGate {
  /** The header that marks a request as sent on purpose, not by a form. */
  static final String HEADER = "X-Prescal-Admin";

  private static final AsciiString SEC_FETCH_SITE = AsciiString.cached("sec-fetch-site");
  private static final Set<String> FORM_TYPES =
      Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");

  /** Why a request is not served: the status and a one-line body saying what to send instead. */
  record Refusal(HttpResponseStatus status, String message) {}

  private final Set<String> names;
  private final Set<InetAddress> addresses;
  private final boolean anyLoopback;
  private final byte[] tokenDigest;

  private AdminGate(
      Set<String> names, Set<InetAddress> addresses, boolean anyLoopback, byte[] tokenDigest) {
    this.names = names;
    this.addresses = addresses;
    this.anyLoopback = anyLoopback;
    this.tokenDigest = tokenDigest;
  }

  /** The gate of an admin endpoint configured as {@code config}; ports are never compared. */
  static AdminGate of(AdminConfig config) {
    InetSocketAddress bind = config.address();
    Set<InetAddress> addresses = new HashSet<>();
    Set<String> names = new HashSet<>();
    boolean anyLoopback;
    if (bind.isUnresolved()) {
      // A name to bind on (only localhost passes validation without a token) is one of its names.
      names.add(bind.getHostString().toLowerCase(Locale.ROOT));
      anyLoopback = Addresses.isLoopback(bind);
    } else if (bind.getAddress().isAnyLocalAddress()) {
      addresses.addAll(localAddresses());
      anyLoopback = true;
    } else {
      addresses.add(withoutScope(bind.getAddress()));
      anyLoopback = bind.getAddress().isLoopbackAddress();
    }
    if (anyLoopback) {
      names.add("localhost");
    }
    for (String host : config.allowedHosts()) {
      byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
      if (literal == null) {
        names.add(host);
      } else {
        addresses.add(byAddress(literal));
      }
    }
    byte[] digest = config.token().isEmpty() ? null : sha256(config.token());
    return new AdminGate(Set.copyOf(names), Set.copyOf(addresses), anyLoopback, digest);
  }

  /** Null when {@code request} may be served, else why not. */
  Refusal check(HttpRequest request) {
    HttpHeaders headers = request.headers();
    List<String> hosts = headers.getAll(HttpHeaderNames.HOST);
    if (HostLines.judge(request.protocolVersion(), hosts.size()) != HostLines.FINE) {
      return new Refusal(
          HttpResponseStatus.BAD_REQUEST, "400: send exactly one Host header (RFC 9112 3.2)\n");
    }
    String host = hosts.isEmpty() ? null : hosts.get(0);
    if (host != null && !admits(host)) {
      return new Refusal(
          HttpResponseStatus.MISDIRECTED_REQUEST,
          "421: Host \""
              + host
              + "\" is not a name of this admin API; connect by an address it listens on, or add"
              + " the name to admin.allowedHosts\n");
    }
    if (tokenDigest != null && !tokenMatches(headers.get(HttpHeaderNames.AUTHORIZATION))) {
      return new Refusal(
          HttpResponseStatus.UNAUTHORIZED,
          "401: send the admin token as Authorization: Bearer <token>\n");
    }
    if (changesState(request.method())) {
      if (!sameSite(headers, host)) {
        return new Refusal(
            HttpResponseStatus.FORBIDDEN,
            "403: Origin, Referer or Sec-Fetch-Site says another site sent this; only the"
                + " admin's own pages or clients that send none of them (curl) may change its"
                + " state\n");
      }
      if (!headers.contains(HEADER) && formSendable(headers.get(HttpHeaderNames.CONTENT_TYPE))) {
        return new Refusal(
            HttpResponseStatus.FORBIDDEN,
            "403: send the header "
                + HEADER
                + ": 1 with every request that changes state (a web page cannot forge it)\n");
      }
    }
    return null;
  }

  private boolean admits(String hostHeader) {
    String host = hostPart(hostHeader);
    if (host == null) {
      return false;
    }
    byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
    if (literal != null) {
      InetAddress address = byAddress(literal);
      return anyLoopback && address.isLoopbackAddress() || addresses.contains(address);
    }
    return names.contains(host);
  }

  private boolean tokenMatches(String authorization) {
    if (authorization == null
        || authorization.length() < 7
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    // Digests have one length whatever was sent, so the comparison's time says nothing.
    return MessageDigest.isEqual(sha256(authorization.substring(7).trim()), tokenDigest);
  }

  /**
   * Whether every header that says where a request comes from names this admin: {@code Origin} and
   * {@code Referer} must have the authority sent in {@code Host}; {@code Sec-Fetch-Site} must be
   * {@code same-origin} or {@code none} (typed by the user). A client that sends none of them
   * (curl, scripts) is not a browser acting for a page.
   */
  private static boolean sameSite(HttpHeaders headers, String host) {
    String fetchSite = headers.get(SEC_FETCH_SITE);
    if (fetchSite != null
        && !fetchSite.equalsIgnoreCase("same-origin")
        && !fetchSite.equalsIgnoreCase("none")) {
      return false;
    }
    return sameAuthority(headers.get(HttpHeaderNames.ORIGIN), host)
        && sameAuthority(headers.get(HttpHeaderNames.REFERER), host);
  }

  /** Whether {@code url} (absent: yes) is an http(s) URL whose host and port are {@code host}'s. */
  private static boolean sameAuthority(String url, String host) {
    if (url == null) {
      return true;
    }
    if (host == null) {
      return false;
    }
    // Only scheme://authority matters; the rest of a Referer may hold anything.
    String text = url.trim();
    int start = text.indexOf("://");
    int end = start < 0 ? -1 : indexOfAny(text, "/?#", start + 3);
    URI uri;
    try {
      uri = new URI(end < 0 ? text : text.substring(0, end));
    } catch (URISyntaxException e) {
      return false;
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
      return false;
    }
    int defaultPort = scheme.equals("https") ? 443 : 80;
    int urlPort = uri.getPort() < 0 ? defaultPort : uri.getPort();
    int colon = host.lastIndexOf(':');
    boolean hostHasPort = colon >= 0 && colon > host.lastIndexOf(']');
    // A Host without port means the scheme's default, whichever scheme the client used.
    int hostPort = hostHasPort ? parsePort(host.substring(colon + 1)) : urlPort;
    String urlHost = hostPart(uri.getHost());
    return urlHost != null && urlHost.equals(hostPart(host)) && urlPort == hostPort;
  }

  private static int indexOfAny(String text, String chars, int from) {
    for (int i = from; i < text.length(); i++) {
      if (chars.indexOf(text.charAt(i)) >= 0) {
        return i;
      }
    }
    return -1;
  }

  /** The lower-case host of a {@code Host} value (brackets and port removed), or null. */
  private static String hostPart(String value) {
    String text = value.trim().toLowerCase(Locale.ROOT);
    String host;
    String rest;
    if (text.startsWith("[")) {
      int end = text.indexOf(']');
      if (end < 0) {
        return null;
      }
      host = text.substring(1, end);
      rest = text.substring(end + 1);
    } else {
      int colon = text.indexOf(':');
      host = colon < 0 ? text : text.substring(0, colon);
      rest = colon < 0 ? "" : text.substring(colon);
    }
    if (!rest.isEmpty() && (!rest.startsWith(":") || parsePort(rest.substring(1)) < 0)) {
      return null;
    }
    if (host.endsWith(".")) {
      host = host.substring(0, host.length() - 1);
    }
    return host.isEmpty() ? null : host;
  }

  private static int parsePort(String text) {
    if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(Character::isDigit)) {
      return -1;
    }
    int port = Integer.parseInt(text);
    return port <= 65535 ? port : -1;
  }

  private static boolean changesState(HttpMethod method) {
    return !method.equals(HttpMethod.GET)
        && !method.equals(HttpMethod.HEAD)
        && !method.equals(HttpMethod.OPTIONS)
        && !method.equals(HttpMethod.TRACE);
  }

  /** Whether an HTML form (or a CORS "simple" request) can send this {@code Content-Type}. */
  private static boolean formSendable(String contentType) {
    if (contentType == null) {
      return true;
    }
    int semicolon = contentType.indexOf(';');
    String type = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
    return FORM_TYPES.contains(type.trim().toLowerCase(Locale.ROOT));
  }

  private static Set<InetAddress> localAddresses() {
    Set<InetAddress> out = new HashSet<>();
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        for (InetAddress a : Collections.list(nic.getInetAddresses())) {
          out.add(withoutScope(a));
        }
      }
    } catch (SocketException e) {
      // Loopback stays allowed; other addresses then need admin.allowedHosts.
    }
    return out;
  }

  private static InetAddress withoutScope(InetAddress address) {
    return byAddress(address.getAddress());
  }

  private static InetAddress byAddress(byte[] literal) {
    try {
      return InetAddress.getByAddress(literal);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + literal.length + " bytes", e);
    }
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
