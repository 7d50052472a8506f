package io.prescal.event.store;

import io.prescal.common.Keys;
import io.prescal.event.config.EventProperties;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The event log, a Redis Stream capped at {@code prescal.event.event-log.max-length} entries (field
 * {@code json}: the envelope as received). Entries are buffered and written by a flusher thread, a
 * batch per Redis call ({@link LogAppendScript}). While the writes succeed, a full buffer makes the
 * caller wait for room (the log keeps up or slows the ingest down, whose own queue then counts what
 * it cannot hold); while Redis is away, appending never waits: the buffer keeps the newest entries
 * and counts the ones it had to drop.
 */
@Component
public class EventLog implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
  private static final int BUFFER = 100_000;
  private static final int BATCH = 2_000;
  // Bounds one script call (and the time Redis spends in it) when entries are large.
  private static final int BATCH_BYTES = 1 << 20;

  private final StringRedisTemplate redis;
  private final LogAppendScript script;
  private final BlockingQueue<byte[]> buffer = new ArrayBlockingQueue<>(BUFFER);
  private final LongAdder written = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private volatile boolean running;
  private volatile boolean failing;
  private Thread flusher;

  public EventLog(StringRedisTemplate redis, EventProperties properties) {
    this.redis = redis;
    this.script = new LogAppendScript(redis, properties.eventLog().maxLength());
  }

  /** Queues one envelope's JSON for the log, as {@link #append(byte[])} does. */
  public void append(String json) {
    append(json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Queues one envelope's JSON, in UTF-8 as received, for the log. Waits for room while the writer
   * makes progress; never waits while Redis is away.
   */
  public void append(byte[] json) {
    try {
      while (!failing && running) {
        if (buffer.offer(json, 100, TimeUnit.MILLISECONDS)) {
          return;
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    while (!buffer.offer(json)) {
      if (buffer.poll() != null) {
        dropped.increment();
      }
    }
  }

  /** Entries written to Redis since start. */
  public long written() {
    return written.sum();
  }

  /** Entries dropped because the buffer was full (Redis away or too slow). */
  public long dropped() {
    return dropped.sum();
  }

  /** Entries waiting to be written. */
  public int pending() {
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

  private void run() {
    List<byte[]> batch = new ArrayList<>(BATCH);
    while (running || !buffer.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          byte[] first = buffer.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          buffer.drainTo(batch, BATCH - 1);
        }
        write(batch);
        if (failing) {
          LOG.info("event log writable again");
          failing = false;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        if (!failing) {
          LOG.warn("cannot write the event log ({}); retrying, buffering up to {}", e, BUFFER);
          failing = true;
        }
        if (!running) {
          LOG.warn("{} event log entries not written at shutdown", batch.size() + buffer.size());
          return;
        }
        sleep(500);
      }
    }
  }

  /**
   * Writes {@code batch} in calls of at most {@link #BATCH_BYTES} (one entry at least), removing
   * what is written, so a failure retries only the rest.
   */
  private void write(List<byte[]> batch) {
    while (!batch.isEmpty()) {
      int end = 0;
      long bytes = 0;
      while (end < batch.size() && (end == 0 || bytes + batch.get(end).length <= BATCH_BYTES)) {
        bytes += batch.get(end++).length;
      }
      List<byte[]> call = batch.subList(0, end);
      script.append(call);
      written.add(end);
      call.clear();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void start() {
    running = true;
    flusher = Thread.ofPlatform().name("prescal-event-log").daemon().start(this::run);
  }

  @Override
  public void stop() {
    running = false;
    try {
      flusher.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Stops after the ticker and the subscriber, so their last entries are written. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }
}
