package io.prescal.proxy.provider.process;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Splits a backend's output into lines of at most {@code maxLineBytes} bytes: the rest of a longer
 * line (up to its newline) is dropped and the line is counted as cut. A backend that writes without
 * newlines therefore costs at most one buffer, never the proxy's heap.
 */
final class OutputLines {

  private final byte[] line;
  private int length;
  private boolean cutting;
  private long cut;

  /**
   * @param maxLineBytes the longest line kept whole, in bytes (at least 1)
   */
  OutputLines(int maxLineBytes) {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("maxLineBytes: " + maxLineBytes + " (expected: >= 1)");
    }
    this.line = new byte[maxLineBytes];
  }

  /**
   * Reads {@code in} to its end and hands every line (without its line break; a cut one ends where
   * it was cut) to {@code sink}, in order.
   */
  void pump(InputStream in, Consumer<Line> sink) throws IOException {
    byte[] chunk = new byte[8192];
    for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
      for (int i = 0; i < n; i++) {
        accept(chunk[i], sink);
      }
    }
    if (length > 0) {
      emit(sink);
    }
  }

  /** How many lines were cut so far. */
  long cut() {
    return cut;
  }

  private void accept(byte b, Consumer<Line> sink) {
    if (b == '\n') {
      emit(sink);
      cutting = false;
      return;
    }
    if (cutting) {
      return;
    }
    if (length == line.length) {
      cutting = true;
      cut++;
      emit(sink);
      return;
    }
    line[length++] = b;
  }

  private void emit(Consumer<Line> sink) {
    if (cutting && length == 0) {
      return; // the end of a line already handed over when it was cut
    }
    int end = length > 0 && line[length - 1] == '\r' ? length - 1 : length;
    sink.accept(new Line(new String(line, 0, end, StandardCharsets.UTF_8), cutting, cut));
    length = 0;
  }

  /**
   * One line of output.
   *
   * @param text the line, or its first bytes when cut
   * @param cut whether the rest of it was dropped
   * @param cutSoFar how many lines of this output were cut, this one included
   */
  record Line(String text, boolean cut, long cutSoFar) {}
}
