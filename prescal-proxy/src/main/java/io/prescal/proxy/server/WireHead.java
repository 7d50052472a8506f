package io.prescal.proxy.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.AsciiString;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.Arrays;

/**
 * A message head being written in wire form: bytes gathered in a per-thread array, then copied into
 * one buffer. Cheaper than writing a pooled direct buffer piece by piece (every write there checks
 * bounds and may make a ByteBuffer view), and than building a header map to encode. Characters are
 * written as ISO-8859-1, which is how Netty's decoder turned the received bytes into them: bytes
 * pass unchanged.
 */
public final class WireHead {
  private static final FastThreadLocal<WireHead> HEADS =
      new FastThreadLocal<>() {
        @Override
        protected WireHead initialValue() {
          return new WireHead();
        }
      };

  private byte[] bytes = new byte[4096];
  private int length;

  /** This thread's head, emptied. Use it before the next call on the same thread. */
  public static WireHead start() {
    WireHead head = HEADS.get();
    head.length = 0;
    return head;
  }

  // String.getBytes(int, int, byte[], int) is deprecated for dropping each char's high byte, which
  // is exactly ISO-8859-1 for these chars, and it is one array copy for a Latin-1 string.
  @SuppressWarnings("deprecation")
  public WireHead text(CharSequence text) {
    int n = text.length();
    ensure(n);
    if (text instanceof AsciiString ascii) {
      ascii.copy(0, bytes, length, n);
    } else if (text instanceof String string) {
      string.getBytes(0, n, bytes, length);
    } else {
      for (int i = 0; i < n; i++) {
        bytes[length + i] = (byte) text.charAt(i);
      }
    }
    length += n;
    return this;
  }

  public WireHead text(byte[] text) {
    ensure(text.length);
    System.arraycopy(text, 0, bytes, length, text.length);
    length += text.length;
    return this;
  }

  /** {@code length} bytes of {@code source} from {@code index}, as they are. */
  public WireHead bytes(ByteBuf source, int index, int length) {
    ensure(length);
    source.getBytes(index, bytes, this.length, length);
    this.length += length;
    return this;
  }

  public WireHead crlf() {
    ensure(2);
    bytes[length++] = '\r';
    bytes[length++] = '\n';
    return this;
  }

  /** A header line: {@code name: value} and CRLF. */
  public WireHead line(CharSequence name, CharSequence value) {
    text(name);
    ensure(2);
    bytes[length++] = ':';
    bytes[length++] = ' ';
    return text(value).crlf();
  }

  /** The head in a buffer of its own. */
  public ByteBuf toBuffer(ByteBufAllocator alloc) {
    ByteBuf out = alloc.buffer(length);
    out.writeBytes(bytes, 0, length);
    return out;
  }

  private void ensure(int more) {
    if (length + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
    }
  }

  private WireHead() {}
}
