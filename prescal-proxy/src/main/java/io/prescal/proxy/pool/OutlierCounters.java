package io.prescal.proxy.pool;

import java.util.concurrent.atomic.AtomicInteger;

/** A backend's consecutive failures and ejection history, for passive outlier detection. */
public final class OutlierCounters {
  private final AtomicInteger consecutive5xx = new AtomicInteger();
  private final AtomicInteger consecutiveConnectFailures = new AtomicInteger();
  private final AtomicInteger ejections = new AtomicInteger();

  /** Counts a 5xx answer; returns the run length. */
  public int on5xx() {
    consecutiveConnectFailures.set(0);
    return consecutive5xx.incrementAndGet();
  }

  /** Counts a connect failure; returns the run length. */
  public int onConnectFailure() {
    return consecutiveConnectFailures.incrementAndGet();
  }

  /** A good answer ends both runs. */
  public void onSuccess() {
    if (consecutive5xx.get() != 0) {
      consecutive5xx.set(0);
    }
    if (consecutiveConnectFailures.get() != 0) {
      consecutiveConnectFailures.set(0);
    }
  }

  /** Counts one more ejection and returns how many there were, this one included. */
  public int ejected() {
    consecutive5xx.set(0);
    consecutiveConnectFailures.set(0);
    return ejections.incrementAndGet();
  }

  /** Ejections so far. */
  public int ejections() {
    return ejections.get();
  }
}
