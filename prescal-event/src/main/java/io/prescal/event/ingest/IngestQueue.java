package io.prescal.event.ingest;

import io.prescal.common.Channels;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hand-off between the subscriber's I/O thread and the {@link IngestWorker}: raw messages, in
 * arrival order, copied into one ring of bytes allocated at start, outside the heap. A burst waits
 * here, not as objects the garbage collector would have to copy and mark again and again (measured:
 * that doubled the ingest's CPU per message during bursts), and the memory it takes is fixed. When
 * a message does not fit, it is dropped and counted per channel, and the start and end of each such
 * streak are logged: never silent. Offering never blocks, so the I/O thread keeps reading from
 * Redis (a reader that stops makes Redis buffer for it and, past {@code client-output-buffer-limit
 * pubsub}, close the connection, which loses more and counts nothing). Any thread may offer; one
 * thread (the worker) takes.
 */
public final class IngestQueue {

  /** Per message in the ring: its channel (1 byte) and its length (4 bytes). */
  static final int HEADER_BYTES = 5;

  private static final Logger LOG = LoggerFactory.getLogger(IngestQueue.class);
  private static final String[] CHANNELS = {Channels.EVENTS, Channels.METRICS};

  /** One message as read: its channel (one of {@link Channels}) and its body. */
  record Message(String channel, byte[] body) {}

  private final ByteBuffer ring;
  private final int capacity;
  // Positions in bytes since start (index = position % capacity): written up to head by
  // offer, read up to tail by drainTo. Each has one writer; volatile publishes the bytes.
  private volatile long head;
  private volatile long tail;
  private volatile long offered;
  private volatile long taken;
  private volatile Thread waiting;
  private final LongAdder[] dropped = {new LongAdder(), new LongAdder()};
  private boolean full;

  /**
   * @param capacityBytes the ring's size: what the waiting messages may hold, headers included
   */
  public IngestQueue(int capacityBytes) {
    if (capacityBytes < 1024) {
      throw new IllegalArgumentException(
          "capacityBytes: " + capacityBytes + " (expected: >= 1024)");
    }
    this.ring = ByteBuffer.allocateDirect(capacityBytes);
    this.capacity = capacityBytes;
  }

  /**
   * Queues a message of {@code channel}, or drops and counts it when it does not fit.
   *
   * @return whether it was queued
   */
  public synchronized boolean offer(String channel, byte[] body) {
    int index = Channels.EVENTS.equals(channel) ? 0 : 1;
    long h = head;
    long size = HEADER_BYTES + (long) body.length;
    if (size > capacity - (h - tail)) {
      dropped[index].increment();
      if (!full) {
        full = true;
        LOG.warn(
            "ingest queue full ({} bytes): dropping arriving messages, counted in"
                + " prescal_event_messages_dropped_total{reason=\"queue-full\"}",
            capacity);
      }
      return false;
    }
    int length = body.length;
    byte[] header = {
      (byte) index,
      (byte) (length >>> 24),
      (byte) (length >>> 16),
      (byte) (length >>> 8),
      (byte) length
    };
    copyIn(h, header);
    copyIn(h + HEADER_BYTES, body);
    head = h + size;
    offered = offered + 1;
    Thread consumer = waiting;
    if (consumer != null) {
      LockSupport.unpark(consumer);
    }
    if (full) {
      full = false;
      LOG.info("ingest queue has room again; {} messages dropped since start", dropped());
    }
    return true;
  }

  /**
   * Moves up to {@code max} messages, oldest first, into {@code into}, waiting up to {@code wait}
   * for the first one. Called by one thread only.
   *
   * @return how many were moved
   */
  int drainTo(List<Message> into, int max, Duration wait) throws InterruptedException {
    long t = tail;
    long h = head;
    if (t == h) {
      h = await(t, System.nanoTime() + wait.toNanos());
      if (t == h) {
        return 0;
      }
    }
    int moved = 0;
    byte[] header = new byte[HEADER_BYTES];
    while (t < h && moved < max) {
      copyOut(t, header);
      int length =
          (header[1] & 0xff) << 24
              | (header[2] & 0xff) << 16
              | (header[3] & 0xff) << 8
              | (header[4] & 0xff);
      byte[] body = new byte[length];
      copyOut(t + HEADER_BYTES, body);
      into.add(new Message(CHANNELS[header[0]], body));
      t += HEADER_BYTES + length;
      moved++;
    }
    tail = t;
    taken = taken + moved;
    return moved;
  }

  /** Waits until something is written past {@code t}, or the deadline; returns the head. */
  private long await(long t, long deadline) throws InterruptedException {
    waiting = Thread.currentThread();
    try {
      long h;
      // waiting is set before head is read, and offer writes head before reading waiting: one of
      // the two sees the other, so a message is never left waiting for the deadline.
      while ((h = head) == t) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return h;
        }
        LockSupport.parkNanos(this, left);
        if (Thread.interrupted()) {
          throw new InterruptedException();
        }
      }
      return h;
    } finally {
      waiting = null;
    }
  }

  private void copyIn(long position, byte[] from) {
    int at = (int) (position % capacity);
    int first = Math.min(from.length, capacity - at);
    ring.put(at, from, 0, first);
    ring.put(0, from, first, from.length - first);
  }

  private void copyOut(long position, byte[] to) {
    int at = (int) (position % capacity);
    int first = Math.min(to.length, capacity - at);
    ring.get(at, to, 0, first);
    ring.get(0, to, first, to.length - first);
  }

  /** Messages of {@code channel} dropped because the queue was full. */
  public long dropped(String channel) {
    return dropped[Channels.EVENTS.equals(channel) ? 0 : 1].sum();
  }

  private long dropped() {
    return dropped[0].sum() + dropped[1].sum();
  }

  /** Messages waiting. */
  public long pending() {
    return offered - taken;
  }

  /** Bytes the waiting messages hold, headers included. */
  public long pendingBytes() {
    return head - tail;
  }
}
