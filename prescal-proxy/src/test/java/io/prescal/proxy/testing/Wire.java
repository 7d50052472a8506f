package io.prescal.proxy.testing;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;

/** Bytes as the peer would see them, as text (ISO-8859-1: each byte one character). */
public final class Wire {
  /** Everything written out of {@code ch} so far; the buffers are released. */
  public static String outbound(EmbeddedChannel ch) {
    StringBuilder out = new StringBuilder();
    ByteBuf buf;
    while ((buf = ch.readOutbound()) != null) {
      out.append(text(buf));
    }
    return out.toString();
  }

  /** The readable bytes of {@code buf}, which is released. */
  public static String text(ByteBuf buf) {
    try {
      return buf.toString(StandardCharsets.ISO_8859_1);
    } finally {
      buf.release();
    }
  }

  private Wire() {}
}
