package io.prescal.proxy.events;

import java.util.ArrayDeque;
import java.util.List;
import java.util.ListIterator;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded queue that never makes a producer wait: when it is full, the oldest message goes and is
 * counted. While Redis is away the newest messages are the ones kept, which is what an operator
 * wants to see once it is back. The lock is held only for a few deque operations.
 */
final class OutboundQueue {

  private final int capacity;
  private final ArrayDeque<Outbound> deque;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition notEmpty = lock.newCondition();
  private final LongAdder dropped = new LongAdder();

  OutboundQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
    }
    this.capacity = capacity;
    this.deque = new ArrayDeque<>(Math.min(capacity, 1024));
  }

  /** Adds {@code message} at the tail, dropping the oldest when full. Never blocks. */
  void offer(Outbound message) {
    lock.lock();
    try {
      if (deque.size() >= capacity) {
        deque.pollFirst();
        dropped.increment();
      }
      deque.addLast(message);
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Puts messages that could not be sent back at the head, in their order, so they go first; when
   * that overflows the queue, the oldest are dropped and counted.
   */
  void requeueFirst(List<Outbound> messages) {
    if (messages.isEmpty()) {
      return;
    }
    lock.lock();
    try {
      for (ListIterator<Outbound> it = messages.listIterator(messages.size()); it.hasPrevious(); ) {
        deque.addFirst(it.previous());
      }
      while (deque.size() > capacity) {
        deque.pollFirst();
        dropped.increment();
      }
      notEmpty.signal();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Moves up to {@code max} messages into {@code into}, waiting up to {@code timeout} for the
   * first.
   *
   * @return how many were moved
   */
  int drainTo(List<Outbound> into, int max, long timeout, TimeUnit unit)
      throws InterruptedException {
    long nanos = unit.toNanos(timeout);
    lock.lockInterruptibly();
    try {
      while (deque.isEmpty()) {
        if (nanos <= 0) {
          return 0;
        }
        nanos = notEmpty.awaitNanos(nanos);
      }
      int moved = 0;
      while (moved < max && !deque.isEmpty()) {
        into.add(deque.pollFirst());
        moved++;
      }
      return moved;
    } finally {
      lock.unlock();
    }
  }

  /** Messages waiting. */
  int size() {
    lock.lock();
    try {
      return deque.size();
    } finally {
      lock.unlock();
    }
  }

  /** Messages dropped since creation because the queue was full. */
  long dropped() {
    return dropped.sum();
  }
}
