package io.prescal.event.ingest;

import io.prescal.common.Channels;
import io.prescal.event.buffer.ByteRing;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off between the subscriber's I/O thread and the {@link IngestWorker}: raw messages in
 * arrival order, in a {@link ByteRing} (fixed size, outside the heap). When a message does not fit,
 * it is dropped and counted per channel, and the start and end of each such streak are logged:
 * never silent. Offering never blocks, so the I/O thread keeps reading from Redis (a reader that
 * stops makes Redis buffer for it and, past {@code client-output-buffer-limit pubsub}, close the
 * connection, which loses more and counts nothing). Thread-safe.
 */
public final class IngestQueue {

  private static final Logger LOG = LoggerFactory.getLogger(IngestQueue.class);
  private static final String[] CHANNELS = {Channels.EVENTS, Channels.METRICS};

  /** One message as read: its channel (one of {@link Channels}) and its body. */
  record Message(String channel, byte[] body) {}

  private final ByteRing ring;
  private final int capacityBytes;
  private final LongAdder[] dropped = {new LongAdder(), new LongAdder()};
  private volatile boolean full;

  /**
   * @param capacityBytes what the waiting messages may hold, {@link ByteRing#HEADER_BYTES} each
   *     included
   */
  public IngestQueue(int capacityBytes) {
    this.ring = new ByteRing(capacityBytes);
    this.capacityBytes = capacityBytes;
  }

  private static int tag(String channel) {
    return Channels.EVENTS.equals(channel) ? 0 : 1;
  }

  /**
   * Queues a message of {@code channel}, or drops and counts it when it does not fit.
   *
   * @return whether it was queued
   */
  public boolean offer(String channel, byte[] body) {
    if (!ring.offer(tag(channel), body)) {
      dropped[tag(channel)].increment();
      if (!full) {
        full = true;
        LOG.warn(
            "ingest queue full ({} bytes): dropping arriving messages, counted in"
                + " prescal_event_messages_dropped_total{reason=\"queue-full\"}",
            capacityBytes);
      }
      return false;
    }
    if (full) {
      full = false;
      LOG.info("ingest queue has room again; {} messages dropped since start", dropped());
    }
    return true;
  }

  /**
   * Moves up to {@code max} messages, oldest first, into {@code into}, waiting up to {@code wait}
   * for the first one.
   *
   * @return how many were moved
   */
  int drainTo(List<Message> into, int max, Duration wait) throws InterruptedException {
    List<ByteRing.Entry> entries = new ArrayList<>(Math.min(max, 1024));
    int moved = ring.drainTo(entries, max, Long.MAX_VALUE, wait);
    for (ByteRing.Entry e : entries) {
      into.add(new Message(CHANNELS[e.tag()], e.body()));
    }
    return moved;
  }

  /** Messages of {@code channel} dropped because the queue was full. */
  public long dropped(String channel) {
    return dropped[tag(channel)].sum();
  }

  private long dropped() {
    return dropped[0].sum() + dropped[1].sum();
  }

  /** Messages waiting. */
  public long pending() {
    return ring.size();
  }

  /** Bytes the waiting messages hold, headers included. */
  public long pendingBytes() {
    return ring.bytes();
  }
}
