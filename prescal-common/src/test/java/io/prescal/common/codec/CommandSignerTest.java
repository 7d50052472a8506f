package io.prescal.common.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prescal.common.event.Envelope;
import io.prescal.common.event.ScaleCommand;
import org.junit.jupiter.api.Test;

class CommandSignerTest {

  private static final EventCodec CODEC = new EventCodec();
  private static final CommandSigner SIGNER =
      new CommandSigner("a shared secret of some length", CODEC);

  @Test
  void signedCommandVerifiesAfterTheWire() {
    Envelope signed = SIGNER.sign(Envelope.of("dashboard", "web", new ScaleCommand(3, "ops")));
    Envelope read = CODEC.decode(CODEC.encode(signed)).event().orElseThrow();
    assertThat(read.signature()).isNotBlank();
    assertThat(SIGNER.verify(read)).isTrue();
  }

  @Test
  void tamperedUnsignedOrForeignCommandsDoNotVerify() {
    Envelope signed = SIGNER.sign(Envelope.of("dashboard", "web", new ScaleCommand(3, "ops")));
    Envelope tampered =
        new Envelope(
            signed.schema(),
            signed.type(),
            signed.id(),
            signed.time(),
            signed.source(),
            signed.service(),
            new ScaleCommand(30, "ops"),
            signed.signature());
    assertThat(SIGNER.verify(tampered)).isFalse();
    assertThat(SIGNER.verify(signed.withSignature(null))).isFalse();
    assertThat(new CommandSigner("another secret, also long", CODEC).verify(signed)).isFalse();
  }

  @Test
  void refusesShortSecrets() {
    assertThatThrownBy(() -> new CommandSigner("short", CODEC))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 16 bytes");
  }
}
