package io.prescal.dashboard.history;

import io.prescal.common.Keys;
import io.prescal.common.Keys.Resolution;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.codec.Printable;
import io.prescal.common.history.HistoryPoint;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads a service's history from the sorted sets prescal-event keeps ({@link Keys#history}):
 * per-second points for short ranges, per-minute points when there are no per-second ones.
 */
@Component
public class HistoryReader {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryReader.class);

  private final StringRedisTemplate redis;
  private final EventCodec codec;
  private volatile boolean warnedBadPoint;

  public HistoryReader(StringRedisTemplate redis, EventCodec codec) {
    this.redis = redis;
    this.codec = codec;
  }

  /**
   * The points of {@code service} from {@code now - window} to {@code now}, oldest first; empty
   * when Redis is away (the banner says so) or there is no history yet.
   */
  public List<HistoryPoint> points(String service, Duration window, Instant now) {
    long from = now.minus(window).toEpochMilli();
    long to = now.toEpochMilli();
    try {
      List<HistoryPoint> points = read(Keys.history(service, Resolution.SECOND), from, to);
      return points.isEmpty() ? read(Keys.history(service, Resolution.MINUTE), from, to) : points;
    } catch (DataAccessException e) {
      LOG.debug("history of {} not read: {}", Printable.of(service, 200), e.getMessage());
      return List.of();
    }
  }

  private List<HistoryPoint> read(String key, long from, long to) {
    Set<String> members = redis.opsForZSet().rangeByScore(key, from, to);
    if (members == null) {
      return List.of();
    }
    List<HistoryPoint> points = new ArrayList<>(members.size());
    for (String member : members) {
      try {
        points.add(codec.readPoint(member));
      } catch (IllegalArgumentException e) {
        // A bad member is skipped, never drawn; say so once.
        if (!warnedBadPoint) {
          warnedBadPoint = true;
          LOG.warn(
              "skipping unreadable history points in {}: {}",
              Printable.of(key, 200),
              Printable.of(e.getMessage(), 200));
        }
      }
    }
    points.sort(java.util.Comparator.comparingLong(HistoryPoint::time));
    return points;
  }
}
