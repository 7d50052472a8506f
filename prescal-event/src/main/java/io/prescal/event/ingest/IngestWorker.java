package io.prescal.event.ingest;

import io.prescal.common.Channels;
import io.prescal.event.lifecycle.BackgroundLifecycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread that handles what the subscriber read, off its I/O thread: takes messages from the
 * {@link IngestQueue} in batches, oldest first, and hands each to the {@link Handler} (decode,
 * count, aggregate, log). One thread keeps the order of each proxy's messages. A message whose
 * handling throws is counted and logged, and the worker goes on. At shutdown it handles what is
 * still queued (the subscription stops first).
 */
public final class IngestWorker extends BackgroundLifecycle {

  /**
   * Handles one message: on the worker's thread, and for messages only counted (oversized) on the
   * subscriber's, so it must be thread-safe.
   */
  @FunctionalInterface
  public interface Handler {
    void handle(String channel, byte[] body);
  }

  private static final Logger LOG = LoggerFactory.getLogger(IngestWorker.class);
  private static final int BATCH = 1_024;
  private static final Duration POLL = Duration.ofMillis(100);

  private final IngestQueue queue;
  private final Handler handler;
  private final Map<String, LongAdder> failed =
      Map.of(Channels.EVENTS, new LongAdder(), Channels.METRICS, new LongAdder());

  public IngestWorker(IngestQueue queue, Handler handler) {
    super("prescal-ingest", AtStop.FINISH);
    this.queue = queue;
    this.handler = handler;
  }

  private void run() {
    List<IngestQueue.Message> batch = new ArrayList<>(BATCH);
    try {
      while (isRunning() || queue.pending() > 0) {
        queue.drainTo(batch, BATCH, POLL);
        for (IngestQueue.Message m : batch) {
          handle(m);
        }
        batch.clear();
      }
    } catch (InterruptedException e) {
      LOG.warn("ingest worker interrupted; {} messages left unhandled", queue.pending());
      Thread.currentThread().interrupt();
    }
  }

  private void handle(IngestQueue.Message m) {
    try {
      handler.handle(m.channel(), m.body());
    } catch (RuntimeException e) {
      LongAdder count = failed.get(m.channel());
      count.increment();
      // The first of each channel with its stack, then one line per thousand.
      if (count.sum() == 1) {
        LOG.error("cannot handle a message on {}; skipping it and going on", m.channel(), e);
      } else if (count.sum() % 1_000 == 0) {
        LOG.error("{} messages on {} could not be handled ({})", count.sum(), m.channel(), e);
      }
    }
  }

  /** Messages of {@code channel} whose handling failed. */
  public long failed(String channel) {
    return failed.get(channel).sum();
  }

  @Override
  protected void begin(ScheduledExecutorService thread) {
    thread.execute(this::run);
  }

  /** Starts before the subscription and stops after it, before the event log. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 50;
  }
}
