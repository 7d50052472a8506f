package io.prescal.event.store;

import io.prescal.common.Keys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Appends a batch of entries to the event log stream in one Redis call: a script that runs one
 * {@code XADD} per entry and one {@code XTRIM MAXLEN ~} for the whole batch. One call per batch
 * instead of one command per entry: the client does almost no work per entry (no command object, no
 * future, no per-command observation), and Redis trims once per batch. The batch is atomic.
 */
final class LogAppendScript {

  /** KEYS: the stream. ARGV: the field, the max length, then the entries in order. */
  private static final RedisScript<Long> APPEND =
      RedisScript.of(
          """
          for i = 3, #ARGV do
            redis.call('XADD', KEYS[1], '*', ARGV[1], ARGV[i])
          end
          redis.call('XTRIM', KEYS[1], 'MAXLEN', '~', ARGV[2])
          return #ARGV - 2
          """,
          Long.class);

  private static final byte[] FIELD = Keys.EVENT_LOG_FIELD.getBytes(StandardCharsets.UTF_8);

  private final StringRedisTemplate redis;
  private final byte[] maxLength;

  LogAppendScript(StringRedisTemplate redis, long maxLength) {
    this.redis = redis;
    this.maxLength = Long.toString(maxLength).getBytes(StandardCharsets.UTF_8);
  }

  /** Appends {@code entries} (UTF-8 JSON) in order, then trims the stream. */
  void append(List<byte[]> entries) {
    Object[] args = new Object[entries.size() + 2];
    args[0] = FIELD;
    args[1] = maxLength;
    for (int i = 0; i < entries.size(); i++) {
      args[i + 2] = entries.get(i);
    }
    // The result is an integer: Spring only applies the result serializer to bulk replies.
    redis.execute(APPEND, RedisSerializer.byteArray(), null, List.of(Keys.EVENT_LOG), args);
  }
}
