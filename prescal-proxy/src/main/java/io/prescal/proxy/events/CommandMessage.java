package io.prescal.proxy.events;

/**
 * One message read on {@code prescal:commands}, as {@link CommandMessageCodec} hands it over: its
 * bytes, or only its length when it is over the limit (the bytes were never copied).
 */
sealed interface CommandMessage {

  /**
   * A message within the limit.
   *
   * @param bytes its UTF-8 bytes
   */
  record Body(byte[] bytes) implements CommandMessage {}

  /**
   * A message over the limit, refused by its length alone.
   *
   * @param bytes its length
   * @param limit the limit it is over
   */
  record Oversized(int bytes, int limit) implements CommandMessage {}
}
