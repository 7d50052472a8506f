package io.prescal.proxy.server;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.prescal.proxy.config.ForwardedConfig;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.util.regex.Pattern;

/**
 * Tells the backend who the client is: X-Forwarded-For/-Proto/-Host and RFC 7239 Forwarded. From a
 * trusted proxy the existing values are kept and extended; from anyone else they are replaced,
 * because a client could forge them.
 */
final class ForwardedHeaders {
  private static final String PROTO = "http";
  private static final String FORWARDED = "forwarded";
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

  static void apply(HttpHeaders headers, InetSocketAddress client, ForwardedConfig config) {
    boolean trusted = config.trusts(client);
    String ip = client.getAddress().getHostAddress();
    String host = headers.get(HttpHeaderNames.HOST);
    if (config.xForwarded()) {
      String xff = trusted ? headers.get("x-forwarded-for") : null;
      headers.set("x-forwarded-for", xff == null ? ip : xff + ", " + ip);
      if (!trusted || !headers.contains("x-forwarded-proto")) {
        headers.set("x-forwarded-proto", PROTO);
      }
      if ((!trusted || !headers.contains("x-forwarded-host")) && host != null) {
        headers.set("x-forwarded-host", host);
      } else if (!trusted) {
        headers.remove("x-forwarded-host");
      }
    }
    if (config.rfc7239()) {
      StringBuilder element = new StringBuilder("for=").append(node(client));
      if (host != null) {
        element.append(";host=").append(quoted(host));
      }
      element.append(";proto=").append(PROTO);
      String existing = trusted ? String.join(", ", headers.getAll(FORWARDED)) : "";
      headers.set(FORWARDED, existing.isEmpty() ? element : existing + ", " + element);
    }
  }

  /** RFC 7239 node name: IPv6 addresses in brackets and quotes. */
  private static String node(InetSocketAddress client) {
    String ip = client.getAddress().getHostAddress();
    if (client.getAddress() instanceof Inet6Address) {
      int zone = ip.indexOf('%');
      return "\"[" + (zone >= 0 ? ip.substring(0, zone) : ip) + "]\"";
    }
    return ip;
  }

  private static String quoted(String value) {
    if (TOKEN.matcher(value).matches()) {
      return value;
    }
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private ForwardedHeaders() {}
}
