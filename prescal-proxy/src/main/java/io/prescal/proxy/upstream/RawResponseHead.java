package io.prescal.proxy.upstream;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.util.AsciiString;
import io.prescal.proxy.server.WireHead;

/**
 * A backend's response head as it came off the wire, for a response whose end is known without
 * decoding its body (a Content-Length, or no body at all). The proxy copies its header lines to the
 * client as they are, cutting only the hop-by-hop ones, instead of decoding them into header
 * objects and encoding them again: on the request path that decode and re-encode was the largest
 * share of the proxy's own CPU time. Made by {@link ResponseFastPath}, which sends every other
 * response through Netty's decoder. Reference-counted: whoever takes it releases it.
 */
public final class RawResponseHead extends DefaultByteBufHolder {
  // content(): the head as read (a retained slice of the backend read), then the inline body
  private final int headSize;
  private final int status;
  private final boolean http10;
  private final boolean keepAlive;
  private final long contentLength;
  // Byte ranges [start, end) to copy, in pairs: the status line and the end-to-end header lines,
  // adjacent lines merged (usually two or three ranges). viaRuns keeps the Via lines too; it is
  // the same array when the head has none.
  private final int[] runs;
  private final int[] viaRuns;
  private final int[] viaValues; // [start, end) of each Via value, or null

  RawResponseHead(
      ByteBuf bytes,
      int headSize,
      int status,
      boolean http10,
      boolean keepAlive,
      long contentLength,
      int[] runs,
      int[] viaRuns,
      int[] viaValues) {
    super(bytes);
    this.headSize = headSize;
    this.status = status;
    this.http10 = http10;
    this.keepAlive = keepAlive;
    this.contentLength = contentLength;
    this.runs = runs;
    this.viaRuns = viaRuns;
    this.viaValues = viaValues;
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
    return content().readableBytes();
  }

  /**
   * Whether the whole body came with the head (a small one read in the same batch): it is in {@link
   * #writeBody} and no body part follows but an empty last one.
   */
  public boolean bodyInline() {
    return wireSize() > headSize;
  }

  /** Writes the inline body. */
  public void writeBody(WireHead out) {
    ByteBuf bytes = content();
    out.bytes(bytes, bytes.readerIndex() + headSize, wireSize() - headSize);
  }

  /**
   * Writes the status line as HTTP/1.1 and every end-to-end header line with its CRLF, as received;
   * hop-by-hop lines (RFC 9110 7.6.1, those the Connection header names included) are left out, and
   * so are Via lines when {@code withoutVia} (the caller writes a merged Via).
   */
  public void writeHead(WireHead out, boolean withoutVia) {
    writeHead(out, withoutVia, "");
  }

  /**
   * As {@link #writeHead(WireHead, boolean)}, and lines named {@code replaced} (any case) are left
   * out too: the caller writes its own (the backend-naming header). Empty for none.
   */
  public void writeHead(WireHead out, boolean withoutVia, CharSequence replaced) {
    writeHead(out, withoutVia, replaced, "");
  }

  /**
   * As {@link #writeHead(WireHead, boolean, CharSequence)}, with a second name left out (the
   * listener's {@code Strict-Transport-Security}); either may be empty.
   */
  public void writeHead(
      WireHead out, boolean withoutVia, CharSequence replaced, CharSequence alsoReplaced) {
    ByteBuf bytes = content();
    int base = bytes.readerIndex();
    int[] ranges = withoutVia ? runs : viaRuns;
    int first = 0;
    if (http10) {
      out.text(HTTP_1_1_SP);
      first = HTTP_1_1_SP.length; // the status line's run starts at 0: skip "HTTP/1.0 "
    }
    for (int i = 0; i < ranges.length; i += 2) {
      int start = i == 0 ? first : ranges[i];
      if (replaced.isEmpty() && alsoReplaced.isEmpty()) {
        out.bytes(bytes, base + start, ranges[i + 1] - start);
      } else {
        writeWithout(out, bytes, base, start, ranges[i + 1], i == 0, replaced, alsoReplaced);
      }
    }
  }

  /**
   * Writes the whole lines in {@code [start, end)} but those named {@code name} or {@code alsoName}
   * (either may be empty); the first line of the first run is the status line, never a header.
   */
  private static void writeWithout(
      WireHead out,
      ByteBuf bytes,
      int base,
      int start,
      int end,
      boolean statusFirst,
      CharSequence name,
      CharSequence alsoName) {
    int from = start; // the first byte not yet written
    int line = start;
    boolean header = !statusFirst;
    while (line < end) {
      int next = bytes.indexOf(base + line, base + end, (byte) '\n') - base + 1;
      if (header
          && (named(bytes, base + line, next - line, name)
              || named(bytes, base + line, next - line, alsoName))) {
        out.bytes(bytes, base + from, line - from);
        from = next;
      }
      header = true;
      line = next;
    }
    out.bytes(bytes, base + from, end - from);
  }

  private static boolean named(ByteBuf bytes, int index, int length, CharSequence name) {
    int n = name.length();
    if (n == 0 || length <= n || bytes.getByte(index + n) != ':') {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (AsciiString.toLowerCase((char) bytes.getByte(index + i))
          != AsciiString.toLowerCase(name.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** The values of the head's Via lines joined with {@code ", "}, or null when it has none. */
  public String via() {
    if (viaValues == null) {
      return null;
    }
    ByteBuf bytes = content();
    int base = bytes.readerIndex();
    StringBuilder joined = new StringBuilder();
    for (int i = 0; i < viaValues.length; i += 2) {
      if (i > 0) {
        joined.append(", ");
      }
      for (int b = viaValues[i]; b < viaValues[i + 1]; b++) {
        joined.append((char) (bytes.getByte(base + b) & 0xff));
      }
    }
    return joined.toString();
  }

  private static final byte[] HTTP_1_1_SP = {'H', 'T', 'T', 'P', '/', '1', '.', '1', ' '};
}
