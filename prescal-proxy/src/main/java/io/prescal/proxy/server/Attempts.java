package io.prescal.proxy.server;

import io.prescal.proxy.config.RetryConfig;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ServicePool;
import java.util.ArrayList;
import java.util.List;

/**
 * The backends one request has tried, and whether it may try another: retries go to a backend not
 * tried yet, within the attempt limit and the service's retry budget, and never replay a body.
 */
final class Attempts {
  private final ServicePool pool;
  private final boolean idempotent;
  // Nearly every request tries one backend: the list is only built when a second one is tried.
  private Backend first;
  private List<Backend> all;
  private boolean budgetSlot;

  /**
   * @param idempotent whether the request may be sent twice (idempotent method, no body)
   */
  Attempts(ServicePool pool, boolean idempotent) {
    this.pool = pool;
    this.idempotent = idempotent;
  }

  /** Backends already tried (the balancer skips them). */
  List<Backend> tried() {
    return first == null ? List.of() : all != null ? all : List.of(first);
  }

  void started(Backend backend) {
    if (first == null) {
      first = backend;
      return;
    }
    if (all == null) {
      all = new ArrayList<>(4);
      all.add(first);
    }
    all.add(backend);
  }

  int count() {
    return first == null ? 0 : all == null ? 1 : all.size();
  }

  /**
   * Whether another attempt may start.
   *
   * @param nothingSent the failed attempt sent no byte (a connect failure): any method may retry
   * @param bodySent body bytes of the request left the proxy: never retried
   */
  boolean mayRetry(boolean nothingSent, boolean bodySent) {
    RetryConfig retries = pool.settings().retries();
    if (count() > retries.attempts() || bodySent || !(nothingSent || idempotent)) {
      return false;
    }
    List<Backend> tried = tried();
    boolean untried = false;
    for (Backend candidate : pool.snapshot().routable()) {
      untried |= !tried.contains(candidate);
    }
    if (!untried) {
      return false;
    }
    if (!budgetSlot) {
      budgetSlot =
          pool.retryBudget()
              .tryAcquire(pool.inFlight(), retries.budgetPercent(), retries.minConcurrent());
    }
    return budgetSlot;
  }

  /** Gives the retry budget slot back, if one was taken. */
  void release() {
    if (budgetSlot) {
      budgetSlot = false;
      pool.retryBudget().release();
    }
  }
}
