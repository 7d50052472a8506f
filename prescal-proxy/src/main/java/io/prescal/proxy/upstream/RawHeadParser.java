package io.prescal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import io.prescal.proxy.http.FieldSyntax;
import io.prescal.proxy.http.HeaderRules;
import io.prescal.proxy.http.HeaderRules.Field;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a backend's response head from bytes into a {@link RawResponseHead}, for the responses the
 * fast path serves: status 200 to 999, every line ending in CRLF, header names that are tokens,
 * values without control characters, and a body whose end is known (one Content-Length, or none by
 * rule: HEAD, 204, 304). Anything else, however legal (1xx, chunked, close-delimited, folded lines,
 * duplicate Content-Length...), is {@link #UNSUPPORTED}: Netty's decoder, which handles all of
 * HTTP/1.1 and its errors, takes such a connection from then on.
 */
final class RawHeadParser {
  /** The longest head the fast path reads; a longer one goes to Netty's decoder. */
  static final int MAX_HEAD = 8192;

  /** The longest body copied along with its head (one write to the client for both). */
  static final int MAX_INLINE_BODY = 2048;

  /** The head has not fully arrived yet. */
  static final Object INCOMPLETE = new Object();

  /** The head is not one the fast path serves. */
  static final Object UNSUPPORTED = new Object();

  // What a header line is to the client's copy.
  private static final byte KEEP = 0;
  private static final byte CUT = 1;
  private static final byte VIA_LINE = 2;
  private static final byte CONNECTION_LINE = 3; // cut, and its tokens may name lines to cut

  /** Per-thread line tables: a head is parsed and turned into copy ranges before parse returns. */
  private static final class Lines {
    int[] bounds = new int[64]; // start, end (index of the CR) of each header line
    byte[] kinds = new byte[32];
  }

  private static final FastThreadLocal<Lines> LINES =
      new FastThreadLocal<>() {
        @Override
        protected Lines initialValue() {
          return new Lines();
        }
      };

  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] VIA = ascii("via");
  private static final byte[] CLOSE = ascii("close");

  /**
   * Parses the head at the start of {@code b[0, length)}, a copy of {@code source}'s readable
   * bytes. A head found is taken out of {@code source} (with its body when that is small and all
   * there) as a retained slice: no copy of its bytes is made.
   *
   * @param bodyless whether the request was HEAD (the response has no body whatever it says)
   * @return a {@link RawResponseHead}, {@link #INCOMPLETE} or {@link #UNSUPPORTED}
   */
  static Object parse(byte[] b, int length, boolean bodyless, ByteBuf source) {
    int statusEnd = lineEnd(b, 0, length);
    if (statusEnd < 0) {
      return statusEnd == -1 && length < MAX_HEAD ? INCOMPLETE : UNSUPPORTED;
    }
    // "HTTP/1.x NNN reason" or "HTTP/1.x NNN"
    if (statusEnd < 12
        || !startsWith(b, "HTTP/1.")
        || (b[7] != '0' && b[7] != '1')
        || b[8] != ' '
        || !digit(b[9])
        || !digit(b[10])
        || !digit(b[11])
        || (statusEnd > 12 && (b[12] != ' ' || !FieldSyntax.isValue(b, 13, statusEnd)))) {
      return UNSUPPORTED;
    }
    int status = (b[9] - '0') * 100 + (b[10] - '0') * 10 + (b[11] - '0');
    if (status < 200) {
      return UNSUPPORTED;
    }
    boolean http10 = b[7] == '0';
    Lines table = LINES.get();
    int[] lines = table.bounds;
    byte[] kinds = table.kinds;
    int count = 0;
    boolean hasVia = false;
    long contentLength = -1;
    boolean close = false;
    boolean keepAliveToken = false;
    boolean namesOthers = false;
    int pos = statusEnd + 2;
    while (true) {
      int end = lineEnd(b, pos, length);
      if (end < 0) {
        return end == -1 && length < MAX_HEAD ? INCOMPLETE : UNSUPPORTED;
      }
      if (end == pos) {
        pos = end + 2;
        break;
      }
      int colon = pos;
      while (colon < end && FieldSyntax.tokenChar(b[colon] & 0xff)) {
        colon++;
      }
      if (colon == pos
          || colon == end
          || b[colon] != ':'
          || !FieldSyntax.isValue(b, colon + 1, end)) {
        return UNSUPPORTED;
      }
      byte kind = KEEP;
      Field field = HeaderRules.field(b, pos, colon - pos);
      if (field == Field.CONTENT_LENGTH) {
        if (contentLength >= 0) {
          return UNSUPPORTED;
        }
        contentLength = digits(b, colon + 1, end);
        if (contentLength < 0) {
          return UNSUPPORTED;
        }
      } else if (field == Field.TRANSFER_ENCODING) {
        return UNSUPPORTED;
      } else if (field == Field.VIA) {
        kind = VIA_LINE;
        hasVia = true;
      } else if (field == Field.CONNECTION) {
        kind = CONNECTION_LINE;
        for (int t = colon + 1; t < end; ) {
          int comma = indexOf(b, t, end, (byte) ',');
          int ts = skipSpace(b, t, comma);
          int te = trimEnd(b, ts, comma);
          Field named = HeaderRules.field(b, ts, te - ts);
          if (named == Field.KEEP_ALIVE) {
            keepAliveToken = true;
          } else if (te > ts && named.droppedWhenNamed()) {
            // "close" is an option too: a field named Close goes, as on the decoded path.
            close |= is(b, ts, te - ts, CLOSE);
            namesOthers = true;
          }
          t = comma + 1;
        }
      } else if (field.hopByHop()) {
        kind = CUT;
      }
      if (count == kinds.length) {
        lines = table.bounds = Arrays.copyOf(lines, lines.length * 2);
        kinds = table.kinds = Arrays.copyOf(kinds, kinds.length * 2);
      }
      lines[2 * count] = pos;
      lines[2 * count + 1] = end;
      kinds[count++] = kind;
      pos = end + 2;
    }
    if (namesOthers) {
      cutNamed(b, lines, kinds, count);
    }
    if (bodyless || status == 204 || status == 304) {
      contentLength = 0;
    } else if (contentLength < 0) {
      return UNSUPPORTED; // the body runs until the backend closes
    }
    boolean keepAlive = !close && (!http10 || keepAliveToken);
    int[] kept = runs(lines, kinds, count, statusEnd, false);
    boolean inline =
        contentLength > 0 && contentLength <= MAX_INLINE_BODY && pos + contentLength <= length;
    return new RawResponseHead(
        source.readRetainedSlice(inline ? pos + (int) contentLength : pos),
        pos,
        status,
        http10,
        keepAlive,
        contentLength,
        kept,
        hasVia ? runs(lines, kinds, count, statusEnd, true) : kept,
        hasVia ? viaValues(b, lines, kinds, count) : null);
  }

  /**
   * The byte ranges of the client's copy: the status line and the kept header lines, adjacent ones
   * merged into one range.
   */
  private static int[] runs(int[] lines, byte[] kinds, int count, int statusEnd, boolean via) {
    int[] runs = new int[2 * (count + 1)];
    int n = 0;
    runs[n++] = 0;
    runs[n++] = statusEnd + 2;
    for (int i = 0; i < count; i++) {
      if (kinds[i] == KEEP || (via && kinds[i] == VIA_LINE)) {
        int start = lines[2 * i];
        int end = lines[2 * i + 1] + 2;
        if (runs[n - 1] == start) {
          runs[n - 1] = end;
        } else {
          runs[n++] = start;
          runs[n++] = end;
        }
      }
    }
    return Arrays.copyOf(runs, n);
  }

  /** [start, end) of each Via line's value, without surrounding whitespace. */
  private static int[] viaValues(byte[] b, int[] lines, byte[] kinds, int count) {
    int[] values = new int[2 * count];
    int n = 0;
    for (int i = 0; i < count; i++) {
      if (kinds[i] == VIA_LINE) {
        int start = skipSpace(b, lines[2 * i] + VIA.length + 1, lines[2 * i + 1]);
        values[n++] = start;
        values[n++] = trimEnd(b, start, lines[2 * i + 1]);
      }
    }
    return Arrays.copyOf(values, n);
  }

  /**
   * Marks the lines the Connection options drop as hop-by-hop; options naming a field of {@link
   * HeaderRules}' table are ignored (that field keeps its own rule).
   */
  private static void cutNamed(byte[] b, int[] lines, byte[] kinds, int count) {
    for (int i = 0; i < count; i++) {
      if (kinds[i] != CONNECTION_LINE) {
        continue;
      }
      int start = lines[2 * i];
      int end = lines[2 * i + 1];
      for (int t = start + CONNECTION.length + 1; t < end; ) {
        int comma = indexOf(b, t, end, (byte) ',');
        int ts = skipSpace(b, t, comma);
        int te = trimEnd(b, ts, comma);
        if (te > ts && HeaderRules.field(b, ts, te - ts).droppedWhenNamed()) {
          for (int j = 0; j < count; j++) {
            int name = lines[2 * j];
            if (te - ts < lines[2 * j + 1] - name
                && b[name + te - ts] == ':'
                && equalsIgnoreCase(b, name, b, ts, te - ts)) {
              kinds[j] = CUT;
            }
          }
        }
        t = comma + 1;
      }
    }
  }

  /** Index of the CR of the line starting at {@code from}; -1 if incomplete, -2 for a bare LF. */
  private static int lineEnd(byte[] b, int from, int length) {
    int lf = indexOf(b, from, length, (byte) '\n');
    if (lf == length) {
      return -1;
    }
    return lf > from && b[lf - 1] == '\r' ? lf - 1 : -2;
  }

  private static int indexOf(byte[] b, int from, int to, byte c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return to;
  }

  /** The decimal value between optional whitespace, or -1. */
  private static long digits(byte[] b, int from, int to) {
    int start = skipSpace(b, from, to);
    int end = trimEnd(b, start, to);
    if (end == start || end - start > 18) {
      return -1;
    }
    long value = 0;
    for (int i = start; i < end; i++) {
      if (!digit(b[i])) {
        return -1;
      }
      value = value * 10 + (b[i] - '0');
    }
    return value;
  }

  /** Whether {@code b[from, from+length)} equals the lower-case {@code name}, ignoring case. */
  private static boolean is(byte[] b, int from, int length, byte[] name) {
    if (length != name.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      // Sound for names of letters and '-': callers only pass tokens, so no CR (0x0D | 0x20).
      if ((b[from + i] | 0x20) != name[i]) {
        return false;
      }
    }
    return true;
  }

  private static boolean equalsIgnoreCase(byte[] a, int aFrom, byte[] b, int bFrom, int length) {
    for (int i = 0; i < length; i++) {
      int x = a[aFrom + i];
      int y = b[bFrom + i];
      if (x >= 'A' && x <= 'Z') {
        x += 'a' - 'A';
      }
      if (y >= 'A' && y <= 'Z') {
        y += 'a' - 'A';
      }
      if (x != y) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpace(byte[] b, int from, int to) {
    while (from < to && (b[from] == ' ' || b[from] == '\t')) {
      from++;
    }
    return from;
  }

  private static int trimEnd(byte[] b, int from, int to) {
    while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
      to--;
    }
    return to;
  }

  private static boolean startsWith(byte[] b, String prefix) {
    for (int i = 0; i < prefix.length(); i++) {
      if (b[i] != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private static boolean digit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private RawHeadParser() {}
}
