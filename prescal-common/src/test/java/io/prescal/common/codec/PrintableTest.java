package io.prescal.common.codec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrintableTest {

  @Test
  void plainTextIsKeptAsItIs() {
    assertThat(Printable.of("scale web to 3 (ops) é ✓", 100)).isEqualTo("scale web to 3 (ops) é ✓");
    assertThat(Printable.of(null, 10)).isEqualTo("null");
  }

  @Test
  void lineBreaksAndOtherControlsBecomeEscapesSoNoSecondLineCanBeForged() {
    String forged =
        "x\r\n12:00:00.000 INFO  CommandListener - command ok accepted\u0085\u2028\u001b[31m";
    String safe = Printable.of(forged, 1000);
    assertThat(safe)
        .isEqualTo(
            "x\\r\\n12:00:00.000 INFO  CommandListener - command ok accepted"
                + "\\u0085\\u2028\\u001b[31m");
    assertThat(safe.chars()).noneMatch(Character::isISOControl);
  }

  @Test
  void invisibleFormatCharactersAndLoneSurrogatesAreShown() {
    // A right-to-left override can make "exe.txt" read as "txt.exe"; a zero-width space hides.
    assertThat(Printable.of("a\u202Eb\u200Bc\uD800d", 100)).isEqualTo("a\\u202eb\\u200bc\\ud800d");
  }

  @Test
  void longTextIsCutWithItsLengthAndNeverSplitsAPair() {
    assertThat(Printable.of("abcdefghij", 4)).isEqualTo("abcd…(10 chars)");
    assertThat(Printable.of("abc\uD83D\uDE00def", 4)).isEqualTo("abc…(8 chars)");
    assertThat(Printable.of("a\nb\nc", 2)).isEqualTo("a\\n…(5 chars)");
  }
}
