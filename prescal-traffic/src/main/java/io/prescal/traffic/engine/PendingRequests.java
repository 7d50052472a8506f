package io.prescal.traffic.engine;

/**
 * Open model: planned requests whose time has come, waiting for a connection, oldest first. A ring
 * of primitives (no allocation per request) that grows when needed. A mark lets the worker count a
 * request once as late because the connection limit held it.
 */
final class PendingRequests {

  private long[] intended = new long[64];
  private boolean[] measured = new boolean[64];
  private long head;
  private long tail;
  private long lateUpTo;

  void add(long intendedNanos, boolean isMeasured) {
    if (tail - head == intended.length) {
      grow();
    }
    int i = (int) (tail & (intended.length - 1));
    intended[i] = intendedNanos;
    measured[i] = isMeasured;
    tail++;
  }

  boolean isEmpty() {
    return head == tail;
  }

  int size() {
    return (int) (tail - head);
  }

  long headIntended() {
    return intended[(int) (head & (intended.length - 1))];
  }

  boolean headMeasured() {
    return measured[(int) (head & (intended.length - 1))];
  }

  void removeHead() {
    head++;
  }

  /** Marks every queued request as late and returns how many measured ones were not yet. */
  long markLate() {
    long count = measuredFrom(Math.max(lateUpTo, head));
    lateUpTo = tail;
    return count;
  }

  /** Empties the queue and returns how many measured requests it held. */
  long clear() {
    long count = measuredFrom(head);
    head = tail;
    return count;
  }

  private long measuredFrom(long from) {
    long count = 0;
    for (long s = from; s < tail; s++) {
      if (measured[(int) (s & (intended.length - 1))]) {
        count++;
      }
    }
    return count;
  }

  private void grow() {
    int n = intended.length;
    long[] i2 = new long[n * 2];
    boolean[] m2 = new boolean[n * 2];
    for (long s = head; s < tail; s++) {
      i2[(int) (s & (2 * n - 1))] = intended[(int) (s & (n - 1))];
      m2[(int) (s & (2 * n - 1))] = measured[(int) (s & (n - 1))];
    }
    intended = i2;
    measured = m2;
  }
}
