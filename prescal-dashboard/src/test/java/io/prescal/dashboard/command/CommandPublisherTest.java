package io.prescal.dashboard.command;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.codec.CommandSigner;
import io.prescal.common.codec.Decoded;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.ScaleCommand;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommandPublisherTest {

  private static final String SECRET = "a-secret-of-32-bytes-for-testing";
  private final EventCodec codec = new EventCodec();

  @Test
  void signedCommandIsWellFormedAndVerifiesWithTheSharedSecretOnly() {
    CommandSigner signer = new CommandSigner(SECRET, codec);
    Envelope sent = CommandPublisher.sign(signer, "web", new ScaleCommand(3, "ops"));

    // What a proxy does: decode the wire text, then verify.
    Decoded decoded = codec.decode(codec.encode(sent));
    Envelope read = decoded.event().orElseThrow();
    assertThat(read.type()).isEqualTo("command.scale");
    assertThat(read.service()).isEqualTo("web");
    assertThat(read.source()).isEqualTo("dashboard");
    assertThat(read.data()).isEqualTo(new ScaleCommand(3, "ops"));
    assertThat(Duration.between(read.time(), Instant.now()).abs())
        .isLessThan(Duration.ofSeconds(5));
    assertThat(signer.verify(read)).isTrue();
    assertThat(new CommandSigner("another-secret-of-32-bytes-long", codec).verify(read)).isFalse();
  }

  @Test
  void everyCommandGetsItsOwnIdSoProxiesCanRejectReplays() {
    CommandSigner signer = new CommandSigner(SECRET, codec);
    Envelope a = CommandPublisher.sign(signer, "web", new ScaleCommand(3, "ops"));
    Envelope b = CommandPublisher.sign(signer, "web", new ScaleCommand(3, "ops"));
    assertThat(a.id()).isNotEqualTo(b.id());
  }

  @Test
  void missingSecretHintSaysHowToSetOne() {
    assertThat(CommandPublisher.missingSecretHint())
        .contains("PRESCAL_COMMAND_SECRET")
        .contains("prescal.commands.secret")
        .contains("16 bytes");
  }
}
