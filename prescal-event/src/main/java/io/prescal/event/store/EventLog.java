package io.prescal.event.store;

import io.prescal.common.Keys;
import io.prescal.event.config.EventProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.domain.Range;
import org.springframework.data.redis.connection.Limit;
import org.springframework.data.redis.connection.RedisStreamCommands.XAddOptions;
import org.springframework.data.redis.connection.stream.MapRecord;
import org.springframework.data.redis.connection.stream.StreamRecords;
import org.springframework.data.redis.core.RedisOperations;
import org.springframework.data.redis.core.SessionCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * The event log, a Redis Stream capped at {@code prescal.event.event-log.max-length} entries (field
 * {@code json}: the envelope as received). Appending never blocks the subscriber: entries are
 * buffered and written by a flusher thread in pipelined batches; while Redis is away the buffer
 * keeps the newest entries and counts the ones it had to drop.
 */
@Component
public class EventLog implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);
  private static final int BUFFER = 100_000;
  private static final int BATCH = 1_000;

  private final StringRedisTemplate redis;
  private final XAddOptions trim;
  private final BlockingQueue<String> buffer = new ArrayBlockingQueue<>(BUFFER);
  private final LongAdder written = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private volatile boolean running;
  private Thread flusher;

  public EventLog(StringRedisTemplate redis, EventProperties properties) {
    this.redis = redis;
    this.trim = XAddOptions.maxlen(properties.eventLog().maxLength()).approximateTrimming(true);
  }

  /** Queues one envelope's JSON for the log. Never blocks. */
  public void append(String json) {
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
    List<String> batch = new ArrayList<>(BATCH);
    boolean failing = false;
    while (running || !buffer.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          String first = buffer.poll(100, TimeUnit.MILLISECONDS);
          if (first == null) {
            continue;
          }
          batch.add(first);
          buffer.drainTo(batch, BATCH - 1);
        }
        write(batch);
        written.add(batch.size());
        batch.clear();
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

  private void write(List<String> batch) {
    redis.executePipelined(
        new SessionCallback<Object>() {
          @Override
          @SuppressWarnings("unchecked")
          public Object execute(RedisOperations operations) throws DataAccessException {
            for (String json : batch) {
              operations
                  .opsForStream()
                  .add(
                      StreamRecords.newRecord()
                          .in(Keys.EVENT_LOG)
                          .ofMap(Map.of(Keys.EVENT_LOG_FIELD, json)),
                      trim);
            }
            return null;
          }
        });
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
