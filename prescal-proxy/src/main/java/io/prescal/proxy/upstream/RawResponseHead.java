package io.prescal.proxy.upstream;

import io.netty.buffer.ByteBuf;

/**
 * A backend's response head as it came off the wire, for a response whose end is known without
 * decoding its body (a Content-Length, or no body at all). The proxy copies its header lines to the
 * client as they are, cutting only the hop-by-hop ones, instead of decoding them into header
 * objects and encoding them again: on the request path that decode and re-encode was the largest
 * share of the proxy's own CPU time. Made by {@link ResponseFastPath}, which sends every other
 * response through Netty's decoder.
 */
public final class RawResponseHead {
  static final byte KEEP = 0;
  static final byte HOP_BY_HOP = 1;
  static final byte VIA = 2;

  private final byte[] bytes; // the head, then the body when it came inline
  private final int headSize;
  private final int status;
  private final int reasonStart;
  private final int statusLineEnd;
  private final boolean http10;
  private final boolean keepAlive;
  private final long contentLength;
  // Per header line: start, end (index of its CR); kind[i] says whether it is forwarded.
  private final int[] lines;
  private final byte[] kinds;
  private final int lineCount;

  RawResponseHead(
      byte[] bytes,
      int headSize,
      int status,
      int reasonStart,
      int statusLineEnd,
      boolean http10,
      boolean keepAlive,
      long contentLength,
      int[] lines,
      byte[] kinds,
      int lineCount) {
    this.bytes = bytes;
    this.headSize = headSize;
    this.status = status;
    this.reasonStart = reasonStart;
    this.statusLineEnd = statusLineEnd;
    this.http10 = http10;
    this.keepAlive = keepAlive;
    this.contentLength = contentLength;
    this.lines = lines;
    this.kinds = kinds;
    this.lineCount = lineCount;
  }

  public int status() {
    return status;
  }

  /** Whether the backend answered as HTTP/1.0 (otherwise 1.1). */
  public boolean http10() {
    return http10;
  }

  /** Whether the backend connection stays open after this response. */
  public boolean keepAlive() {
    return keepAlive;
  }

  /** Body bytes that follow the head (0 for HEAD, 204 and 304 answers). */
  public long contentLength() {
    return contentLength;
  }

  /** The head's size on the wire, without the body. */
  public int size() {
    return headSize;
  }

  /** Bytes read from the backend for this head: the head, and its body if inline. */
  public int wireSize() {
    return bytes.length;
  }

  /**
   * Whether the whole body came with the head (a small one read in the same batch): it is in
   * {@link #writeBody} and no body part follows but an empty last one.
   */
  public boolean bodyInline() {
    return bytes.length > headSize;
  }

  /** Writes the inline body. */
  public void writeBody(ByteBuf out) {
    out.writeBytes(bytes, headSize, bytes.length - headSize);
  }

  /**
   * Writes the status line as HTTP/1.1 and every end-to-end header line with its CRLF, as
   * received; hop-by-hop lines (RFC 9110 7.6.1, those the Connection header names included) are
   * left out, and so are Via lines when {@code withoutVia} (the caller writes a merged Via). Runs
   * of kept lines are copied in one go: usually the whole head is two or three copies.
   */
  public void writeHead(ByteBuf out, boolean withoutVia) {
    int run;
    if (http10) {
      out.writeBytes(HTTP_1_1_SP);
      run = reasonStart;
    } else {
      run = 0;
    }
    int next = statusLineEnd + 2; // where the bytes copied so far would continue
    for (int i = 0; i < lineCount; i++) {
      byte kind = kinds[i];
      int start = lines[2 * i];
      int end = lines[2 * i + 1] + 2;
      if (kind == KEEP || (kind == VIA && !withoutVia)) {
        if (start != next) {
          out.writeBytes(bytes, run, next - run);
          run = start;
        }
        next = end;
      }
    }
    out.writeBytes(bytes, run, next - run);
  }

  private static final byte[] HTTP_1_1_SP = {'H', 'T', 'T', 'P', '/', '1', '.', '1', ' '};

  /** The values of the head's Via lines joined with {@code ", "}, or null when it has none. */
  public String via() {
    StringBuilder joined = null;
    for (int i = 0; i < lineCount; i++) {
      if (kinds[i] == VIA) {
        int start = lines[2 * i] + 4; // after "Via:"
        int end = lines[2 * i + 1];
        while (start < end && (bytes[start] == ' ' || bytes[start] == '\t')) {
          start++;
        }
        while (end > start && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t')) {
          end--;
        }
        joined = joined == null ? new StringBuilder() : joined.append(", ");
        for (int b = start; b < end; b++) {
          joined.append((char) (bytes[b] & 0xff));
        }
      }
    }
    return joined == null ? null : joined.toString();
  }
}
