package io.prescal.proxy.events;

import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import java.nio.ByteBuffer;

/**
 * Reads messages of {@code prescal:commands} for the subscription: a message over the limit is
 * measured, not copied, so a flood of large messages costs neither a copy nor a parse, and the
 * worker's backlog holds at most the limit per message. Channel names are UTF-8 text. Only reads:
 * the subscription publishes nothing.
 */
final class CommandMessageCodec implements RedisCodec<String, CommandMessage> {

  private final int maxBytes;

  /**
   * @param maxBytes the largest message copied; longer ones become {@link CommandMessage.Oversized}
   */
  CommandMessageCodec(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public String decodeKey(ByteBuffer bytes) {
    return StringCodec.UTF8.decodeKey(bytes);
  }

  @Override
  public CommandMessage decodeValue(ByteBuffer bytes) {
    int length = bytes.remaining();
    if (length > maxBytes) {
      return new CommandMessage.Oversized(length, maxBytes);
    }
    byte[] copy = new byte[length];
    bytes.get(copy);
    return new CommandMessage.Body(copy);
  }

  @Override
  public ByteBuffer encodeKey(String channel) {
    return StringCodec.UTF8.encodeKey(channel);
  }

  @Override
  public ByteBuffer encodeValue(CommandMessage message) {
    throw new UnsupportedOperationException("the command subscription publishes nothing");
  }
}
