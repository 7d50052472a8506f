package io.prescal.event.store;

import io.prescal.common.Keys;
import io.prescal.event.buffer.ByteRing;
import io.prescal.event.config.EventProperties;
import io.prescal.event.lifecycle.BackgroundLifecycle;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The event log, a Redis Stream capped at {@code prescal.event.event-log.max-length} entries (field
 * {@code json}: the envelope as received). Entries wait in a {@link ByteRing} (outside the heap)
 * and are written by a flusher thread, a batch per Redis call ({@link LogFlusher}). While the
 * writes succeed, a full buffer makes the caller wait for room (the log keeps up or slows the
 * ingest down, whose own queue then counts what it cannot hold); while Redis is away, appending
 * never waits: the buffer keeps the newest entries and counts the ones it had to drop.
 */
@Component
public class EventLog extends BackgroundLifecycle {

  /** The buffer's size: about 100,000 typical entries. */
  static final int BUFFER_BYTES = 32 << 20;

  private static final Duration WAIT = Duration.ofMillis(100);

  private final StringRedisTemplate redis;
  private final ByteRing buffer;
  private final LogFlusher flusher;
  private final LongAdder dropped = new LongAdder();

  public EventLog(StringRedisTemplate redis, EventProperties properties) {
    super("prescal-event-log", AtStop.FINISH);
    this.redis = redis;
    // Room for the largest message the ingest accepts, twice, whatever it is configured to.
    this.buffer = new ByteRing(Math.max(BUFFER_BYTES, 2 * properties.maxMessageBytes() + 1024));
    this.flusher =
        new LogFlusher(buffer, new LogAppendScript(redis, properties.eventLog().maxLength()));
  }

  /** Queues one envelope's JSON for the log, as {@link #append(byte[])} does. */
  public void append(String json) {
    append(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Queues one envelope's JSON, in UTF-8 as received, for the log. Waits for room while the writer
   * makes progress; never waits while Redis is away (then the oldest entries make room).
   */
  public void append(byte[] json) {
    try {
      while (!flusher.failing() && isRunning()) {
        if (buffer.offer(0, json, WAIT)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    while (!buffer.offer(0, json)) {
      if (buffer.dropOldest()) {
        dropped.increment();
      }
    }
  }

  /** Entries written to Redis since start. */
  public long written() {
    return flusher.written();
  }

  /** Entries dropped because the buffer was full (Redis away or too slow). */
  public long dropped() {
    return dropped.sum();
  }

  /** Entries waiting to be written. */
  public long pending() {
    return buffer.size();
  }

  /**
   * The newest entries whose JSON passes {@code filter}, newest first, reading back at most {@code
   * scanLimit} entries.
   */
  public List<String> newest(int limit, int scanLimit, Predicate<String> filter) {
    List<String> found = new ArrayList<>();
    Range<String> range = Range.unbounded();
    int scanned = 0;
    while (found.size() < limit && scanned < scanLimit) {
      int page = Math.min(500, scanLimit - scanned);
      List<MapRecord<String, Object, Object>> records =
          redis.opsForStream().reverseRange(Keys.EVENT_LOG, range, Limit.limit().count(page));
      if (records == null || records.isEmpty()) {
        break;
      }
      for (MapRecord<String, Object, Object> record : records) {
        Object json = record.getValue().get(Keys.EVENT_LOG_FIELD);
        if (json instanceof String s && filter.test(s) && found.size() < limit) {
          found.add(s);
        }
      }
      scanned += records.size();
      range =
          Range.of(
              Range.Bound.unbounded(), Range.Bound.exclusive(records.getLast().getId().getValue()));
    }
    return found;
  }

  @Override
  protected void begin(ScheduledExecutorService thread) {
    thread.execute(() -> flusher.run(this::isRunning));
  }

  /** Stops after the ticker and the subscriber, so their last entries are written. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }
}
