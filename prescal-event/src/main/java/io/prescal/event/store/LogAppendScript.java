package io.prescal.event.store;

import io.prescal.common.Keys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.data.redis.serializer.RedisSerializer;

/**
 * Appends a batch of entries to the event log stream in one Redis call: a script that runs one
 * {@code XADD} per entry and one {@code XTRIM MAXLEN ~} for the whole batch. One call per batch
 * instead of one command per entry: the client does almost no work per entry (no command object, no
 * future, no per-command observation), and Redis trims once per batch. The batch is atomic, and
 * lands once: each carries a token, and the script skips a batch whose token is the writer's last
 * one ({@link Keys#eventLogBatch}), so a retry after a call that timed out on the client but ran in
 * Redis writes nothing twice.
 */
final class LogAppendScript {

  /**
   * KEYS: the stream, the writer's batch key. ARGV: the field, the max length, the batch token,
   * then the entries in order. Returns how many entries were appended (0 for a batch already
   * written).
   */
  private static final RedisScript<Long> APPEND =
      RedisScript.of(
          """
          if redis.call('GET', KEYS[2]) == ARGV[3] then
            return 0
          end
          for i = 4, #ARGV do
            redis.call('XADD', KEYS[1], '*', ARGV[1], ARGV[i])
          end
          redis.call('XTRIM', KEYS[1], 'MAXLEN', '~', ARGV[2])
          redis.call('SET', KEYS[2], ARGV[3], 'EX', 600)
          return #ARGV - 3
          """,
          Long.class);

  private static final byte[] FIELD = Keys.EVENT_LOG_FIELD.getBytes(StandardCharsets.UTF_8);

  private final StringRedisTemplate redis;
  private final byte[] maxLength;
  private final List<String> keys;

  LogAppendScript(StringRedisTemplate redis, long maxLength) {
    this.redis = redis;
    this.maxLength = Long.toString(maxLength).getBytes(StandardCharsets.UTF_8);
    this.keys = List.of(Keys.EVENT_LOG, Keys.eventLogBatch(UUID.randomUUID().toString()));
  }

  /**
   * Appends {@code entries} (UTF-8 JSON) in order, then trims the stream; nothing when the batch
   * {@code token} was this writer's last one written.
   */
  void append(long token, List<byte[]> entries) {
    Object[] args = new Object[entries.size() + 3];
    args[0] = FIELD;
    args[1] = maxLength;
    args[2] = Long.toString(token).getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < entries.size(); i++) {
      args[i + 3] = entries.get(i);
    }
    // The result is an integer: Spring only applies the result serializer to bulk replies.
    redis.execute(APPEND, RedisSerializer.byteArray(), null, keys, args);
  }
}
