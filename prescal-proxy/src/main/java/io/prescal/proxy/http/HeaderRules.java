package io.prescal.proxy.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The one table of header fields the proxy treats specially, used by the request path, the decoded
 * response path and the raw response fast path alike.
 *
 * <ul>
 *   <li>Hop-by-hop fields (RFC 9110 7.6.1) describe one connection and never cross the proxy.
 *   <li>A {@code Connection} option names more fields to drop for this hop. An option naming a
 *       field of this table is <b>ignored</b>: that field keeps its own rule. So {@code Connection:
 *       content-length} cannot strip the length a backend or client uses to frame the body, {@code
 *       Connection: host} cannot strip the routing header, and {@code Connection: x-forwarded-for}
 *       cannot strip or keep what the proxy writes itself. Options naming any other field drop it,
 *       in both directions.
 *   <li>The framing fields, Host, Expect and the forwarding fields are end-to-end, but the proxy
 *       decides about them itself (re-framing, routing, answering {@code 100 Continue}, writing its
 *       own forwarding lines).
 *   <li>The backend-naming header ({@code backendHeader}) is the proxy's on responses: both
 *       response paths leave out a backend's own lines of that name, whatever Connection says.
 * </ul>
 *
 * Lookups compare names ignoring ASCII case and allocate nothing.
 */
public final class HeaderRules {

  /** A header field as this table knows it. */
  public enum Field {
    /** Any field the table does not name: end-to-end, dropped only when Connection names it. */
    OTHER(null, false),
    CONNECTION("connection", true),
    KEEP_ALIVE("keep-alive", true),
    PROXY_CONNECTION("proxy-connection", true),
    TE("te", true),
    TRAILER("trailer", true),
    TRANSFER_ENCODING("transfer-encoding", true),
    UPGRADE("upgrade", true),
    PROXY_AUTHENTICATE("proxy-authenticate", true),
    PROXY_AUTHORIZATION("proxy-authorization", true),
    /** Routing: one per request, never dropped by a Connection option. */
    HOST("host", false),
    /** Framing: kept as the sender wrote it unless the proxy re-frames the body. */
    CONTENT_LENGTH("content-length", false),
    /** Answered by the proxy itself ({@code 100 Continue}): not forwarded on requests. */
    EXPECT("expect", false),
    /** Extended by the proxy with its own element. */
    VIA("via", false),
    /** Forwarding fields: replaced or extended by the proxy's own line (see {@code forwarded:}). */
    FORWARDED("forwarded", false),
    X_FORWARDED_FOR("x-forwarded-for", false),
    X_FORWARDED_PROTO("x-forwarded-proto", false),
    X_FORWARDED_HOST("x-forwarded-host", false);

    private final byte[] lowerCase;
    private final AsciiString name;
    private final boolean hopByHop;

    Field(String name, boolean hopByHop) {
      this.lowerCase = name == null ? null : name.getBytes(StandardCharsets.US_ASCII);
      this.name = name == null ? null : AsciiString.cached(name);
      this.hopByHop = hopByHop;
    }

    /** Whether the field describes one connection and never crosses the proxy. */
    public boolean hopByHop() {
      return hopByHop;
    }

    /**
     * Whether a {@code Connection} option naming this field drops it: only for fields this table
     * does not name. Options naming the others are ignored.
     */
    public boolean droppedWhenNamed() {
      return this == OTHER;
    }

    /** The lower-case name, or null for {@link #OTHER}. */
    public AsciiString lowerCaseName() {
      return name;
    }
  }

  private static final Field[][] BY_LENGTH = new Field[20][];

  static {
    for (Field field : Field.values()) {
      if (field.lowerCase != null) {
        int n = field.lowerCase.length;
        Field[] same = BY_LENGTH[n] == null ? new Field[0] : BY_LENGTH[n];
        Field[] grown = java.util.Arrays.copyOf(same, same.length + 1);
        grown[same.length] = field;
        BY_LENGTH[n] = grown;
      }
    }
  }

  /**
   * The field named {@code name} (any case), {@link Field#OTHER} for one the table does not name.
   */
  public static Field field(CharSequence name) {
    int n = name.length();
    if (n >= BY_LENGTH.length || BY_LENGTH[n] == null) {
      return Field.OTHER;
    }
    for (Field field : BY_LENGTH[n]) {
      if (equalsLowerCase(name, field.lowerCase)) {
        return field;
      }
    }
    return Field.OTHER;
  }

  /** As {@link #field(CharSequence)}, for the name at {@code b[from, from + length)}. */
  public static Field field(byte[] b, int from, int length) {
    if (length >= BY_LENGTH.length || BY_LENGTH[length] == null) {
      return Field.OTHER;
    }
    for (Field field : BY_LENGTH[length]) {
      if (equalsLowerCase(b, from, field.lowerCase)) {
        return field;
      }
    }
    return Field.OTHER;
  }

  /**
   * The names the message's {@code Connection} options drop (those naming fields of this table are
   * ignored), or null when there are none: the usual case, and then no list is made. {@code close}
   * and {@code keep-alive} are options too: a field named {@code Close} goes, Keep-Alive is
   * hop-by-hop anyway.
   */
  public static List<String> droppedByConnection(HttpHeaders headers) {
    if (!headers.contains(HttpHeaderNames.CONNECTION)) {
      return null; // HTTP/1.1 clients mostly send none: no list of values made
    }
    List<String> dropped = null;
    for (String value : headers.getAll(HttpHeaderNames.CONNECTION)) {
      int start = 0;
      while (start < value.length()) {
        int comma = value.indexOf(',', start);
        int end = comma < 0 ? value.length() : comma;
        String option = value.substring(start, end).trim();
        if (!option.isEmpty() && field(option).droppedWhenNamed()) {
          if (dropped == null) {
            dropped = new ArrayList<>(2);
          }
          dropped.add(option);
        }
        start = end + 1;
      }
    }
    return dropped;
  }

  /**
   * Whether {@code name} is one of {@code dropped} (from {@link #droppedByConnection}, or null).
   */
  public static boolean named(List<String> dropped, CharSequence name) {
    if (dropped != null) {
      for (String option : dropped) {
        if (AsciiString.contentEqualsIgnoreCase(name, option)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Removes from {@code headers} what must not cross the proxy: the hop-by-hop fields and those the
   * Connection options drop. For heads the proxy decodes and re-encodes.
   */
  public static void stripHopByHop(HttpHeaders headers) {
    List<String> dropped = droppedByConnection(headers);
    Iterator<Map.Entry<CharSequence, CharSequence>> lines = headers.iteratorCharSequence();
    List<CharSequence> out = null;
    while (lines.hasNext()) {
      CharSequence name = lines.next().getKey();
      if (field(name).hopByHop() || named(dropped, name)) {
        if (out == null) {
          out = new ArrayList<>(4);
        }
        out.add(name);
      }
    }
    if (out != null) {
      out.forEach(headers::remove);
    }
  }

  private static boolean equalsLowerCase(CharSequence name, byte[] lower) {
    for (int i = 0; i < lower.length; i++) {
      if (toLower(name.charAt(i)) != lower[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean equalsLowerCase(byte[] b, int from, byte[] lower) {
    for (int i = 0; i < lower.length; i++) {
      if (toLower(b[from + i]) != lower[i]) {
        return false;
      }
    }
    return true;
  }

  private static int toLower(int c) {
    return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
  }

  private HeaderRules() {}
}
