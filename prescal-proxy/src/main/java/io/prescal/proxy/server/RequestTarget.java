package io.prescal.proxy.server;

/**
 * A client's request target, checked and normalised once, before routing: the path the proxy routes
 * by is the path the backend receives.
 *
 * <ul>
 *   <li>Origin form ({@code /path?query}) is the usual one. Its path is normalised as RFC 3986
 *       6.2.2 says: percent-encoded unreserved characters are decoded ({@code %2e} is {@code .},
 *       {@code %41} is {@code A}), then dot-segments are removed (5.2.4), so {@code /api/../admin}
 *       and {@code /%2e%2e/admin} are routed, and forwarded, as {@code /admin}. Other
 *       percent-encodings stay as they are: {@code %2F} is not a separator. A {@code ..} that would
 *       climb above the root, or a {@code %} not followed by two hex digits, makes the target
 *       invalid (400). The query is not touched.
 *   <li>Absolute form ({@code http://host/path}) becomes origin form; its authority replaces the
 *       Host header (RFC 9112 3.2.2), so routing and the backend's copy agree.
 *   <li>Asterisk form ({@code *}) for OPTIONS, and authority form ({@code host:port}) for CONNECT,
 *       pass as they are (routed by Host and the path {@code /}).
 * </ul>
 *
 * The common target, a path without {@code %} or dot-segment, costs one scan and no allocation.
 */
final class RequestTarget {
  /** The target is fine as it is; its path ends at the first {@code ?} (or the end). */
  static final int PLAIN = 0;

  /** The target is origin form and its path must be normalised ({@link #normalisedPath}). */
  static final int NORMALISE = 1;

  /** The target is not origin form: absolute, asterisk or authority form, or invalid. */
  static final int OTHER = 2;

  /** The target has a space or control character. */
  static final int INVALID = 3;

  /**
   * Sorts an origin-form target (one scan): {@link #PLAIN}, {@link #NORMALISE}, {@link #OTHER} (not
   * starting with {@code /}) or {@link #INVALID}.
   */
  static int classify(String target) {
    int n = target.length();
    if (n == 0) {
      return INVALID;
    }
    int result = target.charAt(0) == '/' ? PLAIN : OTHER;
    boolean inPath = true;
    char previous = 0;
    for (int i = 0; i < n; i++) {
      char c = target.charAt(i);
      if (c <= ' ' || c == 0x7f) {
        return INVALID;
      }
      if (inPath) {
        if (c == '?') {
          inPath = false;
        } else if (result == PLAIN && (c == '%' || c == '.' && previous == '/')) {
          result = NORMALISE;
        }
      }
      previous = c;
    }
    return result;
  }

  /** Where the path of an origin-form target ends: at its first {@code ?}, or its end. */
  static int pathEnd(String target) {
    int query = target.indexOf('?');
    return query < 0 ? target.length() : query;
  }

  /**
   * The path {@code path} (starting with {@code /}) normalised: unreserved characters decoded,
   * dot-segments removed. Null when it cannot be: a bad percent-encoding, or {@code ..} above the
   * root.
   */
  static String normalisedPath(String path) {
    StringBuilder decoded = new StringBuilder(path.length());
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c != '%') {
        decoded.append(c);
        continue;
      }
      int high = i + 2 < path.length() ? hex(path.charAt(i + 1)) : -1;
      int low = high >= 0 ? hex(path.charAt(i + 2)) : -1;
      if (low < 0) {
        return null;
      }
      char octet = (char) (high * 16 + low);
      if (unreserved(octet)) {
        decoded.append(octet);
      } else {
        decoded.append(path, i, i + 3);
      }
      i += 2;
    }
    return withoutDotSegments(decoded);
  }

  /** RFC 3986 5.2.4 on an absolute path; null when a {@code ..} climbs above the root. */
  private static String withoutDotSegments(CharSequence path) {
    // Segment boundaries of the output, so that ".." can drop the last one.
    StringBuilder out = new StringBuilder(path.length());
    int[] starts = new int[16];
    int depth = 0;
    int i = 1; // path starts with '/'
    int n = path.length();
    while (true) {
      int end = i;
      while (end < n && path.charAt(end) != '/') {
        end++;
      }
      boolean last = end >= n;
      int length = end - i;
      boolean dot = length == 1 && path.charAt(i) == '.';
      boolean dotDot = length == 2 && path.charAt(i) == '.' && path.charAt(i + 1) == '.';
      if (dotDot) {
        if (depth == 0) {
          return null;
        }
        out.setLength(starts[--depth]);
      }
      if (dot || dotDot) {
        if (last) {
          out.append('/'); // "/a/." and "/a/b/.." end in a slash
        }
      } else {
        if (depth == starts.length) {
          starts = java.util.Arrays.copyOf(starts, depth * 2);
        }
        starts[depth++] = out.length();
        out.append('/').append(path, i, end);
      }
      if (last) {
        break;
      }
      i = end + 1;
    }
    return out.toString();
  }

  /**
   * The origin form of an absolute-form target ({@code http://authority/path?query}): {@code
   * {authority, origin-form}}, or null when it is not an {@code http} or {@code https} URI with a
   * non-empty authority and no user information (RFC 9110 4.2).
   */
  static String[] fromAbsolute(String target) {
    int colon = target.indexOf("://");
    if (colon <= 0) {
      return null;
    }
    String scheme = target.substring(0, colon);
    if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
      return null;
    }
    int start = colon + 3;
    int end = start;
    while (end < target.length() && target.charAt(end) != '/' && target.charAt(end) != '?') {
      end++;
    }
    String authority = target.substring(start, end);
    if (authority.isEmpty() || !validHost(authority)) {
      return null;
    }
    String rest = target.substring(end);
    return new String[] {authority, rest.startsWith("/") ? rest : "/" + rest};
  }

  /**
   * Whether {@code host} is a Host value: {@code uri-host [":" port]} (RFC 9110 7.2), so the
   * characters of a registered name, an IP literal in brackets, or an address. No {@code @} (user
   * information), no {@code /}, no space.
   */
  static boolean validHost(CharSequence host) {
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      boolean ok =
          c >= 'a' && c <= 'z'
              || c >= 'A' && c <= 'Z'
              || c >= '0' && c <= '9'
              || "-._~!$&'()*+,;=%:[]".indexOf(c) >= 0;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static boolean unreserved(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '-'
        || c == '.'
        || c == '_'
        || c == '~';
  }

  private static int hex(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private RequestTarget() {}
}
