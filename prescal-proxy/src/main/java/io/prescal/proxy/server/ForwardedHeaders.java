package io.prescal.proxy.server;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.prescal.proxy.config.ForwardedConfig;
import io.prescal.proxy.http.HeaderRules.Field;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/**
 * Tells the backend who the client is: X-Forwarded-For/-Proto/-Host and RFC 7239 Forwarded. From a
 * trusted proxy the existing values are kept and extended; from anyone else they are replaced,
 * because a client could forge them.
 *
 * <p>One per client connection: the client's address text is worked out once, and the Forwarded
 * element is reused while the connection keeps sending the same Host (the usual case), so a request
 * costs no string building here.
 */
final class ForwardedHeaders {
  private static final AsciiString X_FORWARDED_FOR = Field.X_FORWARDED_FOR.lowerCaseName();
  private static final AsciiString X_FORWARDED_PROTO = Field.X_FORWARDED_PROTO.lowerCaseName();
  private static final AsciiString X_FORWARDED_HOST = Field.X_FORWARDED_HOST.lowerCaseName();
  private static final AsciiString FORWARDED = Field.FORWARDED.lowerCaseName();
  private static final AsciiString HTTP = AsciiString.cached("http");
  private static final AsciiString HTTPS = AsciiString.cached("https");

  private final InetSocketAddress client;
  private final String ip;
  private final AsciiString ipValue;
  private final String node;
  private final AsciiString proto;
  private String elementHost;
  private AsciiString element;

  /**
   * @param secure whether the client connected with TLS ({@code proto=https})
   */
  ForwardedHeaders(InetSocketAddress client, boolean secure) {
    this.client = client;
    this.proto = secure ? HTTPS : HTTP;
    this.ip = client.getAddress().getHostAddress();
    this.ipValue = new AsciiString(ip);
    this.node = node(client, ip);
  }

  /** The client's address. */
  InetSocketAddress client() {
    return client;
  }

  /** The client's IP address as text. */
  String ip() {
    return ip;
  }

  /** The request's own X-Forwarded-For lines are replaced (see {@link #writeTo}). */
  static final int REPLACES_FOR = 1;

  static final int REPLACES_PROTO = 2;
  static final int REPLACES_HOST = 4;
  static final int REPLACES_FORWARDED = 8;

  /**
   * Writes this hop's forwarding lines for the backend's copy of a request head.
   *
   * @param host the request's Host, or null
   * @return which of the request's own forwarding headers the copy must leave out ({@code
   *     REPLACES_*} bits): the lines written here take their place
   */
  int writeTo(WireHead out, HttpHeaders headers, ForwardedConfig config, String host) {
    boolean trusted = config.trusts(client);
    int replaced = 0;
    if (config.xForwarded()) {
      String xff = trusted ? headers.get(X_FORWARDED_FOR) : null;
      out.line(X_FORWARDED_FOR, xff == null ? ipValue : xff + ", " + ip);
      replaced |= REPLACES_FOR;
      if (!trusted || !headers.contains(X_FORWARDED_PROTO)) {
        out.line(X_FORWARDED_PROTO, proto);
        replaced |= REPLACES_PROTO;
      }
      if ((!trusted || !headers.contains(X_FORWARDED_HOST)) && host != null) {
        out.line(X_FORWARDED_HOST, host);
        replaced |= REPLACES_HOST;
      } else if (!trusted) {
        replaced |= REPLACES_HOST; // a client's own value is not passed on
      }
    }
    if (config.rfc7239()) {
      AsciiString own = element(host);
      String existing = trusted ? String.join(", ", headers.getAll(FORWARDED)) : "";
      out.line(FORWARDED, existing.isEmpty() ? own : existing + ", " + own);
      replaced |= REPLACES_FORWARDED;
    }
    return replaced;
  }

  /** This hop's Forwarded element, rebuilt only when the Host changes. */
  private AsciiString element(String host) {
    if (element == null || !java.util.Objects.equals(host, elementHost)) {
      StringBuilder sb = new StringBuilder("for=").append(node);
      if (host != null) {
        sb.append(";host=").append(quoted(host));
      }
      sb.append(";proto=").append(proto);
      element = new AsciiString(sb);
      elementHost = host;
    }
    return element;
  }

  /** RFC 7239 node name: IPv6 addresses in brackets and quotes. */
  private static String node(InetSocketAddress client, String ip) {
    if (client.getAddress() instanceof Inet6Address) {
      int zone = ip.indexOf('%');
      return "\"[" + (zone >= 0 ? ip.substring(0, zone) : ip) + "]\"";
    }
    return ip;
  }

  private static String quoted(String value) {
    if (isToken(value)) {
      return value;
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** RFC 9110 token: visible characters other than delimiters. */
  private static boolean isToken(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && "!#$%&'*+-.^_`|~".indexOf(c) < 0) {
        return false;
      }
    }
    return !value.isEmpty();
  }
}
