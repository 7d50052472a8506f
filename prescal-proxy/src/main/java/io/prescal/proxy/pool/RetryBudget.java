package io.prescal.proxy.pool;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Envoy's retry budget: retries in progress may not exceed a share of the requests in flight (with
 * a floor), so a failing service is not hit with a storm of retries.
 */
public final class RetryBudget {
  private final AtomicInteger active = new AtomicInteger();

  /**
   * Takes a retry slot if the budget allows one.
   *
   * @param inFlight the service's requests in flight now
   * @param percent the share of {@code inFlight} that may be retries
   * @param minConcurrent retries always allowed, whatever the traffic
   */
  public boolean tryAcquire(int inFlight, double percent, int minConcurrent) {
    int limit = Math.max(minConcurrent, (int) (inFlight * percent / 100.0));
    while (true) {
      int current = active.get();
      if (current >= limit) {
        return false;
      }
      if (active.compareAndSet(current, current + 1)) {
        return true;
      }
    }
  }

  /** Gives a slot back when the retry ends. */
  public void release() {
    active.decrementAndGet();
  }

  /** Retries in progress. */
  public int active() {
    return active.get();
  }
}
