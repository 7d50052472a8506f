package io.prescal.dashboard.history;

import io.prescal.common.Keys;
import io.prescal.common.codec.DecodeCounters;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.dashboard.config.DashboardProperties;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the newest entries of the event log stream ({@link Keys#EVENT_LOG}, field {@link
 * Keys#EVENT_LOG_FIELD}) so a view that opens shows what happened before it. Entries that cannot be
 * read are counted and skipped.
 */
@Component
public class EventLogReader {

  private static final Logger LOG = LoggerFactory.getLogger(EventLogReader.class);

  private final StringRedisTemplate redis;
  private final EventCodec codec;
  private final int backfill;
  private final DecodeCounters counters = new DecodeCounters("dashboard on prescal:eventlog");

  public EventLogReader(
      StringRedisTemplate redis, EventCodec codec, DashboardProperties properties) {
    this.redis = redis;
    this.codec = codec;
    this.backfill = properties.backfill();
  }

  /** The newest configured number of events, oldest first; empty when Redis is away. */
  public List<Envelope> recent() {
    return recent(backfill);
  }

  /** The newest {@code count} events, oldest first; empty when Redis is away. */
  public List<Envelope> recent(int count) {
    List<MapRecord<String, Object, Object>> records;
    try {
      records =
          redis
              .opsForStream()
              .reverseRange(Keys.EVENT_LOG, Range.unbounded(), Limit.limit().count(count));
    } catch (DataAccessException e) {
      LOG.debug("event log not read: {}", e.getMessage());
      return List.of();
    }
    if (records == null) {
      return List.of();
    }
    List<Envelope> events = new ArrayList<>(records.size());
    for (MapRecord<String, Object, Object> record : records) {
      Object json = record.getValue().get(Keys.EVENT_LOG_FIELD);
      counters.accept(codec.decode(json == null ? null : json.toString())).ifPresent(events::add);
    }
    Collections.reverse(events);
    return events;
  }
}
