package io.prescal.event.store;

import io.prescal.event.buffer.ByteRing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The event log's writing loop: takes batches from the buffer and appends each with one script call
 * ({@link LogAppendScript}), retrying a failed batch every half second (with its token, so that a
 * batch that was written after all is not written twice). Knows whether Redis is failing, so that
 * appenders stop waiting for room meanwhile.
 */
final class LogFlusher {

  private static final Logger LOG = LoggerFactory.getLogger(LogFlusher.class);
  private static final int BATCH = 2_000;
  // Bounds one script call (and the time Redis spends in it) when entries are large.
  private static final int BATCH_BYTES = 1 << 20;
  private static final Duration POLL = Duration.ofMillis(100);

  private final ByteRing buffer;
  private final LogAppendScript script;
  private final LongAdder written = new LongAdder();
  private volatile boolean failing;

  LogFlusher(ByteRing buffer, LogAppendScript script) {
    this.buffer = buffer;
    this.script = script;
  }

  /** Writes until {@code running} turns false and the buffer is empty (or Redis fails then). */
  void run(BooleanSupplier running) {
    List<ByteRing.Entry> batch = new ArrayList<>(BATCH);
    long token = 0; // the batch's: a retry sends the same one, so it lands once
    while (running.getAsBoolean() || buffer.size() > 0 || !batch.isEmpty()) {
      try {
        if (batch.isEmpty()) {
          if (buffer.drainTo(batch, BATCH, BATCH_BYTES, POLL) == 0) {
            continue;
          }
          token++;
        }
        script.append(token, batch.stream().map(ByteRing.Entry::body).toList());
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
          LOG.warn("cannot write the event log ({}); retrying, buffering the newest entries", e);
          failing = true;
        }
        if (!running.getAsBoolean()) {
          LOG.warn("{} event log entries not written at shutdown", batch.size() + buffer.size());
          return;
        }
        sleep(500);
      }
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Whether the last write failed (Redis away). */
  boolean failing() {
    return failing;
  }

  /** Entries written since start. */
  long written() {
    return written.sum();
  }
}
