package io.prescal.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small, strict reference reader of HTTP/1.1 message framing (RFC 9112), written from the RFC for
 * the tests and sharing no code with the proxy: where one message ends and the next begins, and
 * what its body is. It refuses every leniency that could make two readers disagree: a bare CR or
 * LF, whitespace before a colon, a control character in a field, a Content-Length that is not
 * exactly one run of digits, a Transfer-Encoding other than a single {@code chunked} on HTTP/1.1,
 * Content-Length and Transfer-Encoding together, a bad chunk size. Obsolete line folding is
 * unfolded (RFC 9112 5.2 lets a recipient replace it with spaces) and chunk extensions are read as
 * any text without control characters up to the line's end (RFC 9112 7.1.1: a recipient ignores
 * them): neither changes framing.
 */
public final class StrictFramer {
  /** What the bytes are. */
  public sealed interface Result permits Incomplete, Invalid, Message {}

  /** The message has not fully arrived. */
  public record Incomplete() implements Result {}

  /** The bytes are not a valid message; {@code reason} says why. */
  public record Invalid(String reason) implements Result {}

  /**
   * One message.
   *
   * @param headEnd index just after the head's empty line
   * @param end index just after the message (its body included)
   * @param startLine the request or status line
   * @param fields the header fields in order, {name, value} with the value's outer whitespace cut
   * @param body the body, de-chunked
   * @param chunked whether the body was chunked
   */
  public record Message(
      int headEnd, int end, String startLine, List<String[]> fields, byte[] body, boolean chunked)
      implements Result {
    /** The values of the fields named {@code name} (any case). */
    public List<String> values(String name) {
      List<String> out = new ArrayList<>();
      for (String[] field : fields) {
        if (field[0].equalsIgnoreCase(name)) {
          out.add(field[1]);
        }
      }
      return out;
    }

    public String bodyText() {
      return new String(body, StandardCharsets.ISO_8859_1);
    }
  }

  private static final Incomplete INCOMPLETE = new Incomplete();
  private static final long MAX_LENGTH = 1L << 40;

  /** Reads the request at {@code b[from, to)}, its request line strictly. */
  public static Result request(byte[] b, int from, int to) {
    return read(b, from, to, true, false, false, false);
  }

  /**
   * Reads the request at {@code b[from, to)} with the leniencies RFC 9112 allows a recipient in the
   * request line, which change no framing and which the proxy does not forward (it writes its own
   * request line): empty lines before it are skipped (2.2), its words may be separated by any
   * whitespace or bare CR (3, 2.2), the version's name is read ignoring case and its numbers as
   * numbers.
   */
  public static Result requestLenient(byte[] b, int from, int to) {
    return read(b, from, to, true, false, false, true);
  }

  /** Reads the response at {@code b[from, to)} to a request that was HEAD or not. */
  public static Result response(byte[] b, int from, int to, boolean toHead) {
    return read(b, from, to, false, toHead, false, false);
  }

  /**
   * Reads the response at {@code b[from, to)}, the connection having closed after {@code to} (a
   * body without length ends there), with the status line's words separated by any whitespace and a
   * higher HTTP/1 minor version read as 1.1 (RFC 9110 2.5).
   */
  public static Result responseClosed(byte[] b, int from, int to, boolean toHead) {
    return read(b, from, to, false, toHead, true, true);
  }

  private static Result read(
      byte[] b,
      int from,
      int to,
      boolean request,
      boolean toHead,
      boolean closed,
      boolean lenient) {
    List<String> lines = new ArrayList<>();
    int pos = from;
    if (lenient && request) {
      while (pos + 1 < to && b[pos] == '\r' && b[pos + 1] == '\n') {
        pos += 2;
      }
    }
    while (true) {
      int lf = indexOf(b, pos, to, '\n');
      if (lf < 0) {
        return bareCr(b, pos, to) && !(lenient && lines.isEmpty())
            ? new Invalid("a bare CR")
            : INCOMPLETE;
      }
      if (lf == pos || b[lf - 1] != '\r') {
        return new Invalid("a bare LF");
      }
      boolean folded = lines.size() > 1 && (b[pos] == ' ' || b[pos] == '\t');
      if (containsCr(b, pos, lf - 1) && !(lenient && (lines.isEmpty() || folded))) {
        return new Invalid("a bare CR");
      }
      String line = new String(b, pos, lf - 1 - pos, StandardCharsets.ISO_8859_1);
      pos = lf + 1;
      if (line.isEmpty()) {
        if (lines.isEmpty()) {
          return new Invalid("an empty start line");
        }
        break;
      }
      lines.add(line);
    }
    String start = lines.get(0);
    if (lenient) {
      start = lenientStartLine(start, request);
      if (start == null) {
        return new Invalid("a bad start line");
      }
    }
    String problem = request ? requestLine(start) : statusLine(start);
    if (problem != null) {
      return new Invalid(problem);
    }
    List<String[]> fields = new ArrayList<>();
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
        if (fields.isEmpty()) {
          return new Invalid("whitespace before the first field");
        }
        String[] last = fields.get(fields.size() - 1);
        // Lenient: as Netty does, the control characters at the ends of a folded line are dropped
        // with its whitespace (a bare CR is one: RFC 9112 2.2 lets it be read as a space). They
        // are never forwarded.
        String more = lenient ? line.trim() : line.strip();
        if (!fieldValue(more)) {
          return new Invalid("a bad folded value");
        }
        last[1] = last[1].isEmpty() ? more : more.isEmpty() ? last[1] : last[1] + " " + more;
        continue;
      }
      int colon = line.indexOf(':');
      // A response's whitespace between name and colon is removed (RFC 9112 5.1); a request's is
      // an error.
      String name =
          colon <= 0 ? "" : request ? line.substring(0, colon) : trimOws(line.substring(0, colon));
      if (!token(name)) {
        return new Invalid("a bad field name in: " + line);
      }
      String value = trimOws(line.substring(colon + 1));
      if (!fieldValue(value)) {
        return new Invalid("a bad field value in: " + line);
      }
      fields.add(new String[] {name, value});
    }
    boolean http10 = start.endsWith("HTTP/1.0") || start.startsWith("HTTP/1.0");
    List<String> lengths = new ArrayList<>();
    List<String> codings = new ArrayList<>();
    boolean hasTe = false;
    for (String[] field : fields) {
      if (field[0].equalsIgnoreCase("content-length")) {
        lengths.add(field[1]);
      } else if (field[0].equalsIgnoreCase("transfer-encoding")) {
        hasTe = true;
        for (String coding : field[1].split(",", -1)) {
          codings.add(trimOws(coding).toLowerCase(Locale.ROOT));
        }
      }
    }
    int status = request ? 0 : Integer.parseInt(start.substring(9, 12));
    if (!request && (toHead || status < 200 || status == 204 || status == 304)) {
      return new Message(pos, pos, start, fields, new byte[0], false);
    }
    if (hasTe) {
      if (http10) {
        return new Invalid("Transfer-Encoding in HTTP/1.0");
      }
      if (!lengths.isEmpty()) {
        return new Invalid("Content-Length with Transfer-Encoding");
      }
      if (!codings.equals(List.of("chunked"))) {
        if (request || codings.contains("chunked")) {
          return new Invalid("a transfer coding other than a single chunked: " + codings);
        }
        return untilClose(b, pos, to, start, fields, closed);
      }
      return chunked(b, pos, to, start, fields, lenient);
    }
    if (lengths.size() > 1) {
      return new Invalid("several Content-Length lines");
    }
    if (lengths.size() == 1) {
      String text = lengths.get(0);
      if (text.isEmpty() || text.length() > 18 || !text.chars().allMatch(StrictFramer::digit)) {
        return new Invalid("a bad Content-Length: " + text);
      }
      long length = Long.parseLong(text);
      if (length > MAX_LENGTH) {
        return INCOMPLETE; // valid, but never all here in a test
      }
      if (to - pos < length) {
        return INCOMPLETE;
      }
      byte[] body = java.util.Arrays.copyOfRange(b, pos, pos + (int) length);
      return new Message(pos, pos + (int) length, start, fields, body, false);
    }
    if (request) {
      return new Message(pos, pos, start, fields, new byte[0], false);
    }
    return untilClose(b, pos, to, start, fields, closed);
  }

  /** A response body running until the connection closes: complete only once it has. */
  private static Result untilClose(
      byte[] b, int pos, int to, String start, List<String[]> fields, boolean closed) {
    if (!closed) {
      return INCOMPLETE;
    }
    return new Message(pos, to, start, fields, java.util.Arrays.copyOfRange(b, pos, to), false);
  }

  /**
   * The start line with RFC 9112's leniencies undone (bare CR and any whitespace as separators, the
   * version's name in any case, its numbers as numbers), or null when it still is not one.
   */
  private static String lenientStartLine(String line, boolean request) {
    String[] words = line.replace('\r', ' ').strip().split("[ \t\u000b\u000c]+", request ? -1 : 3);
    if (words.length != 3 && !(words.length == 2 && !request)) {
      return null;
    }
    String version = request ? words[2] : words[0];
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("HTTP/(\\d{1,9})\\.(\\d{1,9})")
            .matcher(version.toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    int major = Integer.parseInt(m.group(1));
    int minor = Integer.parseInt(m.group(2));
    if (!request && major == 1 && minor > 1) {
      minor = 1; // a higher minor version is read as the highest known (RFC 9110 2.5)
    }
    String normal = "HTTP/" + major + "." + minor;
    if (request) {
      return words[0] + " " + words[1] + " " + normal;
    }
    return normal + " " + words[1] + (words.length == 3 ? " " + words[2] : "");
  }

  private static Result chunked(
      byte[] b, int pos, int to, String start, List<String[]> fields, boolean lenient) {
    int headEnd = pos;
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    while (true) {
      int lf = indexOf(b, pos, to, '\n');
      if (lf < 0) {
        return bareCr(b, pos, to) ? new Invalid("a bare CR in a chunk line") : INCOMPLETE;
      }
      if (lf == pos || b[lf - 1] != '\r' || containsCr(b, pos, lf - 1)) {
        return new Invalid("a chunk line not ended by CRLF");
      }
      String line = new String(b, pos, lf - 1 - pos, StandardCharsets.ISO_8859_1);
      pos = lf + 1;
      int semicolon = line.indexOf(';');
      String hex = semicolon < 0 ? line : line.substring(0, semicolon);
      hex = hex.stripTrailing(); // BWS before the extensions
      if (hex.isEmpty() || hex.length() > 7 || !hex.chars().allMatch(StrictFramer::hexDigit)) {
        return new Invalid("a bad chunk size: " + line);
      }
      if (semicolon >= 0 && !fieldValue(line.substring(semicolon))) {
        return new Invalid("bad chunk extensions: " + line);
      }
      int size = Integer.parseInt(hex, 16);
      if (size == 0) {
        // Trailer section, then the empty line.
        while (true) {
          int end = indexOf(b, pos, to, '\n');
          if (end < 0) {
            return INCOMPLETE;
          }
          if (end == pos || b[end - 1] != '\r') {
            return new Invalid("a trailer line not ended by CRLF");
          }
          if (containsCr(b, pos, end - 1) && !(lenient && forbiddenTrailer(b, pos, end))) {
            return new Invalid("a bare CR in a trailer line");
          }
          String trailer = new String(b, pos, end - 1 - pos, StandardCharsets.ISO_8859_1);
          pos = end + 1;
          if (trailer.isEmpty()) {
            return new Message(headEnd, pos, start, fields, body.toByteArray(), true);
          }
          if (lenient && forbiddenTrailer(b, end - 1 - trailer.length(), end)) {
            continue;
          }
          int colon = trailer.indexOf(':');
          if (colon <= 0
              || !token(trailer.substring(0, colon))
              || !fieldValue(trimOws(trailer.substring(colon + 1)))) {
            return new Invalid("a bad trailer field: " + trailer);
          }
        }
      }
      if (to - pos < size + 2) {
        return INCOMPLETE;
      }
      body.write(b, pos, size);
      pos += size;
      if (b[pos] != '\r' || b[pos + 1] != '\n') {
        return new Invalid("chunk data not followed by CRLF");
      }
      pos += 2;
    }
  }

  private static String requestLine(String line) {
    String[] parts = line.split(" ", -1);
    if (parts.length != 3) {
      return "a request line not of three parts";
    }
    if (!token(parts[0])) {
      return "a bad method";
    }
    if (parts[1].isEmpty() || !parts[1].chars().allMatch(c -> c > 0x20 && c != 0x7f)) {
      return "a bad request target";
    }
    if (!parts[2].equals("HTTP/1.1") && !parts[2].equals("HTTP/1.0")) {
      return "a version other than HTTP/1.0 and HTTP/1.1";
    }
    return null;
  }

  private static String statusLine(String line) {
    if (line.length() < 12
        || !(line.startsWith("HTTP/1.1 ") || line.startsWith("HTTP/1.0 "))
        || !digit(line.charAt(9))
        || !digit(line.charAt(10))
        || !digit(line.charAt(11))
        || line.length() > 12 && line.charAt(12) != ' '
        || !reason(line.substring(Math.min(line.length(), 13)))) {
      return "a bad status line";
    }
    return null;
  }

  private static boolean reason(String text) {
    return text.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f);
  }

  /**
   * Whether the line at {@code b[from, to)} is a trailer field RFC 9110 6.5.1 keeps out of trailers
   * (Content-Length, Transfer-Encoding, Trailer): Netty drops such a line whatever its value, so it
   * is never forwarded.
   */
  private static boolean forbiddenTrailer(byte[] b, int from, int to) {
    String line =
        new String(b, from, to - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    return line.startsWith("content-length:")
        || line.startsWith("transfer-encoding:")
        || line.startsWith("trailer:");
  }

  /** RFC 9110 token. */
  public static boolean token(String text) {
    return !text.isEmpty() && text.chars().allMatch(StrictFramer::tokenChar);
  }

  private static boolean tokenChar(int c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
  }

  /** RFC 9110 field-value (obs-text allowed), outer whitespace already cut. */
  private static boolean fieldValue(String text) {
    return text.chars().allMatch(c -> c == '\t' || c >= 0x20 && c != 0x7f && c <= 0xff);
  }

  private static String trimOws(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && (text.charAt(start) == ' ' || text.charAt(start) == '\t')) {
      start++;
    }
    while (end > start && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t')) {
      end--;
    }
    return text.substring(start, end);
  }

  /**
   * Whether {@code b[from, to)} holds a CR not followed by LF; a CR that is the last byte of the
   * bytes received may be the first half of a CRLF still to come, and is not counted.
   */
  private static boolean bareCr(byte[] b, int from, int to) {
    for (int i = from; i < to - 1; i++) {
      if (b[i] == '\r' && b[i + 1] != '\n') {
        return true;
      }
    }
    return false;
  }

  private static boolean containsCr(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      if (b[i] == '\r') {
        return true;
      }
    }
    return false;
  }

  private static int indexOf(byte[] b, int from, int to, char c) {
    for (int i = from; i < to; i++) {
      if (b[i] == c) {
        return i;
      }
    }
    return -1;
  }

  private static boolean digit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean hexDigit(int c) {
    return digit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
  }

  private StrictFramer() {}
}
