package io.prescal.proxy.events;

import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.prescal.common.Keys;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The shared replay memory in Redis: one hash per command, {@link Keys#commandSeen}, with the time
 * of its first sighting ({@code first}, Redis' own clock) and one field per proxy process that
 * accepted it, expiring twice the allowed clock skew after the first sighting. One script does the
 * whole check atomically.
 *
 * <p>Why per process and not per command id alone: every proxy that fronts a service applies the
 * command to its own autoscaler, so a sibling proxy that receives the same publication must not be
 * refused. Why that is still safe after a restart: a restarted process begins listening after the
 * original publication was first seen, and Pub/Sub delivers a message only to those listening when
 * it is published, so any copy it receives was published again: refused as {@link
 * Sighting#BEFORE_LISTENING}. Both times come from Redis' clock, so the proxies' clocks do not
 * matter. Thread-safe.
 */
final class RedisCommandSightings implements CommandSightings, AutoCloseable {

  /**
   * KEYS[1]: the command's hash. ARGV[1]: this process's field. ARGV[2]: when it began listening,
   * microseconds on Redis' clock. ARGV[3]: time to live of the hash, milliseconds.
   */
  private static final String SIGHT =
      """
      local t = redis.call('TIME')
      local now = t[1] .. string.rep('0', 6 - #t[2]) .. t[2]
      if redis.call('HSETNX', KEYS[1], 'first', now) == 1 then
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
      end
      if tonumber(redis.call('HGET', KEYS[1], 'first')) < tonumber(ARGV[2]) then
        return 'before'
      end
      if redis.call('HSETNX', KEYS[1], ARGV[1], now) == 0 then
        return 'again'
      end
      return 'first'
      """;

  private static final Duration TIMEOUT = Duration.ofSeconds(2);

  private final RedisClient client;
  private final String field;
  private final long keepMillis;
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile long listeningSinceMicros = -1;

  /**
   * @param client the proxy's Redis client
   * @param instanceId this proxy's instance id, for the field name (a random suffix tells this
   *     process from an earlier one of the same name)
   * @param maxSkew the allowed clock skew of commands: the memory is kept twice as long
   */
  RedisCommandSightings(RedisClient client, String instanceId, Duration maxSkew) {
    this.client = client;
    byte[] nonce = new byte[4];
    ThreadLocalRandom.current().nextBytes(nonce);
    this.field = instanceId + "/" + HexFormat.of().formatHex(nonce);
    this.keepMillis = maxSkew.multipliedBy(2).toMillis();
  }

  @Override
  public void listening() {
    if (listeningSinceMicros >= 0) {
      return;
    }
    List<String> time = redis().sync().time();
    listeningSinceMicros = Long.parseLong(time.get(0)) * 1_000_000 + Long.parseLong(time.get(1));
  }

  @Override
  public Sighting sight(String commandId) {
    if (listeningSinceMicros < 0) {
      throw new IllegalStateException("not listening yet");
    }
    String answer =
        redis()
            .sync()
            .eval(
                SIGHT,
                ScriptOutputType.VALUE,
                new String[] {Keys.commandSeen(commandId)},
                field,
                Long.toString(listeningSinceMicros),
                Long.toString(keepMillis));
    return switch (answer) {
      case "first" -> Sighting.FIRST;
      case "again" -> Sighting.AGAIN;
      case "before" -> Sighting.BEFORE_LISTENING;
      default -> throw new IllegalStateException("unexpected answer from Redis: " + answer);
    };
  }

  private StatefulRedisConnection<String, String> redis() {
    StatefulRedisConnection<String, String> c = connection;
    if (c == null) {
      synchronized (this) {
        c = connection;
        if (c == null) {
          c = client.connect(StringCodec.UTF8);
          c.setTimeout(TIMEOUT);
          connection = c;
        }
      }
    }
    return c;
  }

  @Override
  public void close() {
    StatefulRedisConnection<String, String> c = connection;
    if (c != null) {
      c.close();
    }
  }
}
