package io.prescal.proxy.provider.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputLinesTest {

  @Test
  void shortLinesPassWholeWithoutTheirLineBreaks() throws Exception {
    assertThat(lines(8, "one\ntwo\r\nthree"))
        .containsExactly(
            new OutputLines.Line("one", false, 0),
            new OutputLines.Line("two", false, 0),
            new OutputLines.Line("three", false, 0));
  }

  @Test
  void aLongLineIsCutAtTheLimitAndTheRestUpToItsNewlineDropped() throws Exception {
    assertThat(lines(4, "12345678\nab\n" + "x".repeat(100) + "\n1234\n"))
        .containsExactly(
            new OutputLines.Line("1234", true, 1),
            new OutputLines.Line("ab", false, 1),
            new OutputLines.Line("xxxx", true, 2),
            new OutputLines.Line("1234", false, 2));
  }

  @Test
  void outputWithNoNewlineAtAllCostsOneLineOfMemory() throws Exception {
    var output = new OutputLines(1024);
    List<OutputLines.Line> seen = new ArrayList<>();

    output.pump(new EndlessBytes(50L << 20), seen::add);

    assertThat(seen).hasSize(1);
    assertThat(seen.getFirst().text()).hasSize(1024);
    assertThat(output.cut()).isOne();
  }

  private static List<OutputLines.Line> lines(int max, String text) throws Exception {
    List<OutputLines.Line> seen = new ArrayList<>();
    new OutputLines(max)
        .pump(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), seen::add);
    return seen;
  }

  /** {@code total} bytes of 'a' and no newline, made up as they are read. */
  private static final class EndlessBytes extends java.io.InputStream {
    private long left;

    EndlessBytes(long total) {
      this.left = total;
    }

    @Override
    public int read() {
      return left-- > 0 ? 'a' : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      if (left <= 0) {
        return -1;
      }
      int n = (int) Math.min(len, left);
      java.util.Arrays.fill(b, off, off + n, (byte) 'a');
      left -= n;
      return n;
    }
  }
}
