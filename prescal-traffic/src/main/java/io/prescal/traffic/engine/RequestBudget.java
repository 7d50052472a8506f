package io.prescal.traffic.engine;

import java.util.concurrent.atomic.AtomicLong;

/** The measured requests left to send with {@code -n}; unlimited without it. Thread-safe. */
final class RequestBudget {

  private final boolean limited;
  private final AtomicLong left;

  RequestBudget(long requests) {
    this.limited = requests > 0;
    this.left = new AtomicLong(requests);
  }

  /** Whether a limit is set and nothing is left (a hint: another thread may take the last). */
  boolean exhausted() {
    return limited && left.get() <= 0;
  }

  /** Takes one request; false once none is left. */
  boolean take() {
    return !limited || (left.get() > 0 && left.getAndDecrement() > 0);
  }
}
