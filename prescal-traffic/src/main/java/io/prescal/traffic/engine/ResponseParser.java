package io.prescal.traffic.engine;

import io.netty.buffer.ByteBuf;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Frames HTTP/1.1 responses (RFC 9112) straight from the socket's bytes: status line, the headers
 * that decide framing (Content-Length, Transfer-Encoding: chunked, Connection) and the backend
 * header; the body is skipped, never copied. No object is created per response, which is what lets
 * the generator keep up with wrk; Netty's general decoder builds a header map for every response.
 * One per connection, on its event loop.
 */
final class ResponseParser {

  /** What {@link #parse} found. */
  enum Result {
    NEED_MORE,
    COMPLETE,
    ERROR
  }

  private enum State {
    STATUS_LINE,
    HEADERS,
    BODY_LENGTH,
    CHUNK_SIZE,
    CHUNK_DATA,
    CHUNK_END,
    TRAILERS,
    BODY_TO_CLOSE
  }

  private static final int MAX_LINE = 64 * 1024;
  private static final byte[] CONTENT_LENGTH = ascii("content-length");
  private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
  private static final byte[] CONNECTION = ascii("connection");
  private static final byte[] CLOSE = ascii("close");
  private static final byte[] KEEP_ALIVE = ascii("keep-alive");

  private final byte[] backendHeader;
  private static final int CHUNK = 2048;
  private static final VarHandle LONG_BIG_ENDIAN =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final byte[] chunk;
  private byte[] line = new byte[256];
  private int lineLength;
  private State state = State.STATUS_LINE;
  private boolean head;
  private int status;
  private boolean keepAlive;
  private boolean chunked;
  private long remaining;
  private String backend;
  private String error;

  /**
   * @param backendHeader the backend header's name, or null
   */
  ResponseParser(String backendHeader) {
    this(backendHeader, new byte[CHUNK]);
  }

  /**
   * @param backendHeader the backend header's name, or null
   * @param scratch where bytes are copied to be scanned; parsers on one thread may share it
   */
  ResponseParser(String backendHeader, byte[] scratch) {
    this.backendHeader = backendHeader == null ? null : ascii(backendHeader.toLowerCase());
    this.chunk = scratch;
  }

  /** A scratch array for parsers on one thread to share. */
  static byte[] newScratch() {
    return new byte[CHUNK];
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  /** Prepares for the response to a new request ({@code head}: a HEAD request, no body). */
  void reset(boolean headRequest) {
    head = headRequest;
    state = State.STATUS_LINE;
    lineLength = 0;
    backend = null;
    error = null;
  }

  int status() {
    return status;
  }

  boolean keepAlive() {
    return keepAlive;
  }

  String backend() {
    return backend;
  }

  /** What was wrong, after {@link Result#ERROR}. */
  String error() {
    return error;
  }

  /** Whether the response ends when the connection closes (no length given). */
  boolean endsAtClose() {
    return state == State.BODY_TO_CLOSE;
  }

  /** Consumes bytes of {@code in}; stops at the end of the response. */
  Result parse(ByteBuf in) {
    while (in.isReadable()) {
      switch (state) {
        case BODY_LENGTH, CHUNK_DATA -> {
          int n = (int) Math.min(remaining, in.readableBytes());
          in.skipBytes(n);
          remaining -= n;
          if (remaining == 0) {
            if (state == State.BODY_LENGTH) {
              return Result.COMPLETE;
            }
            state = State.CHUNK_END;
          }
        }
        case BODY_TO_CLOSE -> in.skipBytes(in.readableBytes());
        default -> {
          Result r = lines(in);
          if (r != Result.NEED_MORE) {
            return r;
          }
        }
      }
    }
    return Result.NEED_MORE;
  }

  /**
   * Reads lines while the state is one of lines (status, headers, chunk sizes, trailers). The bytes
   * are copied out of {@code in} once, a chunk at a time, and scanned as an array: byte by byte
   * reads of a direct buffer cost a bounds-checked call each when Netty has no Unsafe (JDK 24 and
   * later). Only the bytes of whole or partial lines are consumed from {@code in}; what follows the
   * last line (a body, the next response) stays there.
   */
  private Result lines(ByteBuf in) {
    int n = Math.min(in.readableBytes(), chunk.length);
    copy(in, in.readerIndex(), n);
    int pos = 0;
    Result r = Result.NEED_MORE;
    while (pos < n) {
      int lf = indexOfLf(pos, n);
      int end = lf < 0 ? n : lf + 1;
      if (!append(pos, end - pos)) {
        r = fail("a header line over " + MAX_LINE + " bytes");
        break;
      }
      pos = end;
      if (lf < 0) {
        break;
      }
      int length = lineLength - 1;
      if (length > 0 && line[length - 1] == '\r') {
        length--;
      }
      lineLength = 0;
      r = line(length);
      if (r != Result.NEED_MORE || !readsLines()) {
        break;
      }
    }
    in.skipBytes(pos);
    return r;
  }

  /**
   * Copies {@code n} bytes at {@code index} into the scratch array, eight at a time. Not {@link
   * ByteBuf#getBytes(int, byte[])}: without Unsafe, Netty copies out of a direct buffer through a
   * new {@link java.nio.ByteBuffer} view per call, an object per response.
   */
  private void copy(ByteBuf in, int index, int n) {
    int i = 0;
    for (; i + Long.BYTES <= n; i += Long.BYTES) {
      LONG_BIG_ENDIAN.set(chunk, i, in.getLong(index + i));
    }
    for (; i < n; i++) {
      chunk[i] = in.getByte(index + i);
    }
  }

  private int indexOfLf(int from, int to) {
    for (int i = from; i < to; i++) {
      if (chunk[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private boolean readsLines() {
    return switch (state) {
      case BODY_LENGTH, CHUNK_DATA, BODY_TO_CLOSE -> false;
      default -> true;
    };
  }

  private boolean append(int from, int n) {
    if (lineLength + n > MAX_LINE) {
      return false;
    }
    if (lineLength + n > line.length) {
      line = java.util.Arrays.copyOf(line, Math.max(line.length * 2, lineLength + n));
    }
    System.arraycopy(chunk, from, line, lineLength, n);
    lineLength += n;
    return true;
  }

  private Result line(int length) {
    return switch (state) {
      case STATUS_LINE -> statusLine(length);
      case HEADERS -> length == 0 ? endOfHeaders() : header(length);
      case CHUNK_SIZE -> chunkSize(length);
      case CHUNK_END -> length == 0 ? next(State.CHUNK_SIZE) : fail("no CRLF after a chunk");
      case TRAILERS -> length == 0 ? Result.COMPLETE : Result.NEED_MORE;
      default -> fail("unexpected state " + state);
    };
  }

  private Result next(State s) {
    state = s;
    return Result.NEED_MORE;
  }

  private Result statusLine(int length) {
    // "HTTP/1.1 200 OK": version, space, three digits.
    if (length < 12
        || line[0] != 'H'
        || line[4] != '/'
        || line[8] != ' '
        || !digit(line[9])
        || !digit(line[10])
        || !digit(line[11])) {
      return fail("not an HTTP/1.x status line: \"" + text(0, Math.min(length, 40)) + "\"");
    }
    status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
    keepAlive = line[7] == '1';
    chunked = false;
    remaining = -1;
    return next(State.HEADERS);
  }

  private Result header(int length) {
    int colon = 0;
    while (colon < length && line[colon] != ':') {
      colon++;
    }
    if (colon == length) {
      return fail("a header line without ':'");
    }
    int from = colon + 1;
    while (from < length && (line[from] == ' ' || line[from] == '\t')) {
      from++;
    }
    int to = length;
    while (to > from && (line[to - 1] == ' ' || line[to - 1] == '\t')) {
      to--;
    }
    if (named(CONTENT_LENGTH, colon)) {
      long n = 0;
      for (int i = from; i < to; i++) {
        if (!digit(line[i]) || n > Long.MAX_VALUE / 10) {
          return fail("Content-Length \"" + text(from, to) + "\" is not a number");
        }
        n = n * 10 + (line[i] - '0');
      }
      remaining = n;
    } else if (named(TRANSFER_ENCODING, colon)) {
      chunked = text(from, to).toLowerCase().endsWith("chunked");
    } else if (named(CONNECTION, colon)) {
      // Compared in place: every response of a keep-alive server carries this header.
      if (contains(CLOSE, from, to)) {
        keepAlive = false;
      } else if (contains(KEEP_ALIVE, from, to)) {
        keepAlive = true;
      }
    } else if (backendHeader != null && named(backendHeader, colon)) {
      backend = text(from, to);
    }
    return Result.NEED_MORE;
  }

  private Result endOfHeaders() {
    if (status >= 100 && status < 200 && status != 101) {
      // An interim response (100 Continue): the real one follows.
      return next(State.STATUS_LINE);
    }
    if (head || status == 204 || status == 304 || status == 101) {
      return Result.COMPLETE;
    }
    if (chunked) {
      return next(State.CHUNK_SIZE);
    }
    if (remaining >= 0) {
      return remaining == 0 ? Result.COMPLETE : next(State.BODY_LENGTH);
    }
    keepAlive = false;
    return next(State.BODY_TO_CLOSE);
  }

  private Result chunkSize(int length) {
    long size = 0;
    int i = 0;
    for (; i < length && line[i] != ';' && line[i] != ' '; i++) {
      int d = Character.digit(line[i], 16);
      if (d < 0 || size > (Long.MAX_VALUE >> 4)) {
        return fail("chunk size \"" + text(0, length) + "\" is not hexadecimal");
      }
      size = size * 16 + d;
    }
    if (i == 0) {
      return fail("an empty chunk size");
    }
    if (size == 0) {
      return next(State.TRAILERS);
    }
    remaining = size;
    return next(State.CHUNK_DATA);
  }

  private boolean named(byte[] name, int length) {
    if (length != name.length) {
      return false;
    }
    for (int i = 0; i < length; i++) {
      if (lower(line[i]) != name[i]) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code line[from, to)} contains {@code word}, ignoring ASCII case. */
  private boolean contains(byte[] word, int from, int to) {
    for (int start = from; start + word.length <= to; start++) {
      int i = 0;
      while (i < word.length && lower(line[start + i]) == word[i]) {
        i++;
      }
      if (i == word.length) {
        return true;
      }
    }
    return false;
  }

  private static byte lower(byte b) {
    return b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
  }

  private static boolean digit(byte b) {
    return b >= '0' && b <= '9';
  }

  private String text(int from, int to) {
    return new String(line, from, to - from, StandardCharsets.ISO_8859_1);
  }

  private Result fail(String why) {
    error = why;
    return Result.ERROR;
  }
}
