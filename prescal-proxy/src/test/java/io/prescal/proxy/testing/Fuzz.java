package io.prescal.proxy.testing;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded random input for the head parsers' property tests: messages put together from parts that
 * are often valid and often one step off (the tricks of request smuggling), then sometimes mutated
 * byte by byte. The run's seed and case count come from {@code -Dprescal.fuzz.seed} and {@code
 * -Dprescal.fuzz.cases}; a failing case names its own seed, so it can be replayed alone.
 */
public final class Fuzz {
  /** The seed of the whole run. */
  public static final long SEED = Long.getLong("prescal.fuzz.seed", 0x5eed_2026_1203L);

  /** How many cases a property runs. */
  public static final int CASES = Integer.getInteger("prescal.fuzz.cases", 10_000);

  private static final byte[] INTERESTING = {
    0, '\r', '\n', ' ', '\t', ':', ',', ';', 0x7f, (byte) 0x80, (byte) 0xff, 'a', '0', 0x0b, '"'
  };

  private final Random random;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  public Fuzz(Random random) {
    this.random = random;
  }

  /** One of {@code choices}. */
  public String pick(List<String> choices) {
    return choices.get(random.nextInt(choices.size()));
  }

  /** True with probability {@code p}. */
  public boolean chance(double p) {
    return random.nextDouble() < p;
  }

  public int below(int n) {
    return random.nextInt(n);
  }

  /** Appends {@code text} (ISO-8859-1). */
  public Fuzz add(String text) {
    out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
    return this;
  }

  /** A line end: CRLF mostly, sometimes a bare LF or CR or a doubled CR. */
  public String eol() {
    return chance(0.97) ? "\r\n" : pick(List.of("\n", "\r", "\r\r\n"));
  }

  /** {@code n} random body bytes (any value). */
  public String bytes(int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(chance(0.8) ? (char) ('a' + random.nextInt(26)) : (char) random.nextInt(256));
    }
    return sb.toString();
  }

  /** What was added, with up to three bytes replaced, inserted or deleted in a quarter of cases. */
  public byte[] mutated() {
    byte[] b = out.toByteArray();
    if (b.length == 0 || !chance(0.25)) {
      return b;
    }
    int mutations = 1 + random.nextInt(3);
    for (int m = 0; m < mutations && b.length > 0; m++) {
      int at = random.nextInt(b.length);
      byte value = INTERESTING[random.nextInt(INTERESTING.length)];
      switch (random.nextInt(3)) {
        case 0 -> b[at] = value;
        case 1 -> {
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, at);
          longer[at] = value;
          System.arraycopy(b, at, longer, at + 1, b.length - at);
          b = longer;
        }
        default -> {
          byte[] shorter = new byte[b.length - 1];
          System.arraycopy(b, 0, shorter, 0, at);
          System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
          b = shorter;
        }
      }
    }
    return b;
  }

  /** {@code b} cut into 1 to 4 pieces at random points, as reads would deliver it. */
  public List<byte[]> pieces(byte[] b) {
    int cuts = random.nextInt(4);
    int[] at = new int[cuts + 2];
    at[cuts + 1] = b.length;
    for (int i = 1; i <= cuts; i++) {
      at[i] = b.length == 0 ? 0 : random.nextInt(b.length + 1);
    }
    java.util.Arrays.sort(at);
    List<byte[]> pieces = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < at.length; i++) {
      pieces.add(java.util.Arrays.copyOfRange(b, at[i], at[i + 1]));
    }
    return pieces;
  }

  /** {@code b} as printable text for a failure message. */
  public static String show(byte[] b) {
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      int c = x & 0xff;
      if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c < 0x20 || c >= 0x7f) {
        sb.append(String.format("\\x%02x", c));
      } else {
        sb.append((char) c);
      }
    }
    return sb.toString();
  }
}
