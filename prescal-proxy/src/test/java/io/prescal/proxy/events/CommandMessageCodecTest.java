package io.prescal.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CommandMessageCodecTest {

  private final CommandMessageCodec codec = new CommandMessageCodec(16 * 1024);

  @Test
  void aMessageWithinTheLimitIsCopied() {
    ByteBuffer wire = ByteBuffer.wrap("{\"schema\":\"1.0\"}".getBytes(StandardCharsets.UTF_8));
    CommandMessage message = codec.decodeValue(wire);
    assertThat(message).isInstanceOf(CommandMessage.Body.class);
    assertThat(new String(((CommandMessage.Body) message).bytes(), StandardCharsets.UTF_8))
        .isEqualTo("{\"schema\":\"1.0\"}");
  }

  @Test
  void aMessageOverTheLimitIsMeasuredNotRead() {
    ByteBuffer wire = ByteBuffer.allocate(2 << 20);
    assertThat(codec.decodeValue(wire)).isEqualTo(new CommandMessage.Oversized(2 << 20, 16_384));
    assertThat(wire.position()).as("not a byte read").isZero();
    assertThat(codec.decodeValue(ByteBuffer.allocate(16 * 1024 + 1)))
        .isInstanceOf(CommandMessage.Oversized.class);
    assertThat(codec.decodeValue(ByteBuffer.allocate(16 * 1024)))
        .isInstanceOf(CommandMessage.Body.class);
  }

  @Test
  void channelNamesAreText() {
    assertThat(codec.decodeKey(codec.encodeKey("prescal:commands"))).isEqualTo("prescal:commands");
  }
}
