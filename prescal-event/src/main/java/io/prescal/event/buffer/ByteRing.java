package io.prescal.event.buffer;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded FIFO of byte records (a small tag and a body) in one buffer allocated at start, outside
 * the heap. Bursts wait here rather than as objects that the garbage collector would copy and mark
 * again and again (measured in prescal-event: that cost as much CPU as the ingest itself during
 * bursts), and the memory it takes is fixed. Thread-safe.
 */
public final class ByteRing {

  /** Per record: its tag (1 byte) and its length (4 bytes). */
  public static final int HEADER_BYTES = 5;

  /** One record: its tag (0..127) and its body. */
  public record Entry(int tag, byte[] body) {}

  private final ByteBuffer ring;
  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final Condition notFull = lock.newCondition();
  private final byte[] header = new byte[HEADER_BYTES];
  // Positions in bytes since start (index = position % capacity), guarded by lock.
  private long head;
  private long tail;
  private long count;

  /**
   * @param capacityBytes the buffer's size: what the records may hold, headers included
   */
  public ByteRing(int capacityBytes) {
    if (capacityBytes < 1024) {
      throw new IllegalArgumentException(
          "capacityBytes: " + capacityBytes + " (expected: >= 1024)");
    }
    this.ring = ByteBuffer.allocateDirect(capacityBytes);
    this.capacity = capacityBytes;
  }

  /** Whether a body of {@code length} bytes can ever fit. */
  public boolean fits(int length) {
    return HEADER_BYTES + (long) length <= capacity;
  }

  /** Adds a record if it fits now; never waits. */
  public boolean offer(int tag, byte[] body) {
    lock.lock();
    try {
      return add(tag, body);
    } finally {
      lock.unlock();
    }
  }

  /** Adds a record, waiting up to {@code wait} for room. */
  public boolean offer(int tag, byte[] body, Duration wait) throws InterruptedException {
    long left = wait.toNanos();
    lock.lock();
    try {
      while (!add(tag, body)) {
        if (left <= 0 || !fits(body.length)) {
          return false;
        }
        left = notFull.awaitNanos(left);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private boolean add(int tag, byte[] body) {
    long size = HEADER_BYTES + (long) body.length;
    if (size > capacity - (head - tail)) {
      return false;
    }
    int length = body.length;
    header[0] = (byte) tag;
    header[1] = (byte) (length >>> 24);
    header[2] = (byte) (length >>> 16);
    header[3] = (byte) (length >>> 8);
    header[4] = (byte) length;
    copyIn(head, header);
    copyIn(head + HEADER_BYTES, body);
    head += size;
    if (count++ == 0) {
      notEmpty.signal();
    }
    return true;
  }

  /** Removes the oldest record, if any, to make room; returns whether there was one. */
  public boolean dropOldest() {
    lock.lock();
    try {
      if (count == 0) {
        return false;
      }
      copyOut(tail, header);
      tail += HEADER_BYTES + length();
      count--;
      notFull.signalAll();
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves the oldest records into {@code into}, up to {@code maxCount} of them and {@code maxBytes}
   * of bodies (at least one record), waiting up to {@code wait} for the first.
   *
   * @return how many were moved
   */
  public int drainTo(List<Entry> into, int maxCount, long maxBytes, Duration wait)
      throws InterruptedException {
    long left = wait.toNanos();
    lock.lock();
    try {
      while (count == 0) {
        if (left <= 0) {
          return 0;
        }
        left = notEmpty.awaitNanos(left);
      }
      int moved = 0;
      long bytes = 0;
      while (count > 0 && moved < maxCount) {
        copyOut(tail, header);
        int length = length();
        if (moved > 0 && bytes + length > maxBytes) {
          break;
        }
        byte[] body = new byte[length];
        copyOut(tail + HEADER_BYTES, body);
        into.add(new Entry(header[0], body));
        tail += HEADER_BYTES + length;
        count--;
        moved++;
        bytes += length;
      }
      notFull.signalAll();
      return moved;
    } finally {
      lock.unlock();
    }
  }

  private int length() {
    return (header[1] & 0xff) << 24
        | (header[2] & 0xff) << 16
        | (header[3] & 0xff) << 8
        | (header[4] & 0xff);
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

  /** Records waiting. */
  public long size() {
    lock.lock();
    try {
      return count;
    } finally {
      lock.unlock();
    }
  }

  /** Bytes the waiting records hold, headers included. */
  public long bytes() {
    lock.lock();
    try {
      return head - tail;
    } finally {
      lock.unlock();
    }
  }
}
