package io.prescal.event.store;

import io.prescal.common.Keys;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.codec.Printable;
import io.prescal.common.history.HistoryPoint;
import io.prescal.event.aggregate.SeriesPoint;
import io.prescal.event.config.EventProperties;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Component;

/**
 * The history sorted sets ({@code prescal:history:<service>:1s} and {@code :1m}): writes points,
 * trims them by age and reads ranges back. A per-second point replaces any other point of the same
 * second; a per-minute point is only added when its minute has none yet, so a restart within a
 * minute never overwrites what the previous run wrote.
 */
@Component
public class HistoryStore {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryStore.class);

  /** KEYS: series, services set. ARGV: time, json, replace|keep, cutoff, ttl seconds, service. */
  private static final RedisScript<Long> PUT =
      RedisScript.of(
          """
          if ARGV[3] == 'replace' then
            redis.call('ZREMRANGEBYSCORE', KEYS[1], ARGV[1], ARGV[1])
          elseif redis.call('ZCOUNT', KEYS[1], ARGV[1], ARGV[1]) > 0 then
            return 0
          end
          redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2])
          redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[4])
          redis.call('EXPIRE', KEYS[1], ARGV[5])
          redis.call('SADD', KEYS[2], ARGV[6])
          return 1
          """,
          Long.class);

  private final StringRedisTemplate redis;
  private final EventCodec codec;
  private final EventProperties.History retention;

  public HistoryStore(StringRedisTemplate redis, EventCodec codec, EventProperties properties) {
    this.redis = redis;
    this.codec = codec;
    this.retention = properties.history();
  }

  /** Writes {@code points} in one round trip. */
  public void write(List<SeriesPoint> points) {
    if (points.isEmpty()) {
      return;
    }
    redis.executePipelined(
        new SessionCallback<Object>() {
          @Override
          @SuppressWarnings("unchecked")
          public Object execute(RedisOperations operations) throws DataAccessException {
            for (SeriesPoint p : points) {
              Duration keep = retention(p.resolution());
              long time = p.point().time();
              operations.execute(
                  PUT,
                  List.of(Keys.history(p.service(), p.resolution()), Keys.HISTORY_SERVICES),
                  Long.toString(time),
                  codec.writePoint(p.point()),
                  p.resolution() == Keys.Resolution.SECOND ? "replace" : "keep",
                  Long.toString(time - keep.toMillis()),
                  Long.toString(keep.plusMinutes(1).toSeconds()),
                  p.service());
            }
            return null;
          }
        });
  }

  /** The points of {@code service} with {@code from <= time <= to}, oldest first. */
  public List<HistoryPoint> read(String service, Keys.Resolution resolution, long from, long to) {
    Set<String> members =
        redis.opsForZSet().rangeByScore(Keys.history(service, resolution), from, to);
    List<HistoryPoint> points = new ArrayList<>();
    for (String member : members == null ? Set.<String>of() : members) {
      try {
        points.add(codec.readPoint(member));
      } catch (IllegalArgumentException e) {
        LOG.debug(
            "skipping an unreadable history point of {}: {}",
            Printable.of(service, 200),
            Printable.of(e.getMessage(), 200));
      }
    }
    return points;
  }

  /**
   * Removes from {@code prescal:history:services} the names whose series have both expired, so the
   * set does not keep every name ever written. Returns how many it removed.
   */
  public int pruneServices() {
    List<String> names = new ArrayList<>(services());
    if (names.isEmpty()) {
      return 0;
    }
    List<Object> counts =
        redis.executePipelined(
            new SessionCallback<Object>() {
              @Override
              @SuppressWarnings("unchecked")
              public Object execute(RedisOperations operations) throws DataAccessException {
                for (String name : names) {
                  operations.countExistingKeys(
                      List.of(
                          Keys.history(name, Keys.Resolution.SECOND),
                          Keys.history(name, Keys.Resolution.MINUTE)));
                }
                return null;
              }
            });
    List<String> gone = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      if (counts.get(i) instanceof Long n && n == 0) {
        gone.add(names.get(i));
      }
    }
    if (!gone.isEmpty()) {
      redis.opsForSet().remove(Keys.HISTORY_SERVICES, gone.toArray());
    }
    return gone.size();
  }

  /** Services that have history. */
  public Set<String> services() {
    Set<String> members = redis.opsForSet().members(Keys.HISTORY_SERVICES);
    return members == null ? Set.of() : new TreeSet<>(members);
  }

  /** How long points of {@code resolution} are kept. */
  public Duration retention(Keys.Resolution resolution) {
    return resolution == Keys.Resolution.SECOND
        ? retention.secondRetention()
        : retention.minuteRetention();
  }
}
