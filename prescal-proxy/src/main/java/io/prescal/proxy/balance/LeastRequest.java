package io.prescal.proxy.balance;

import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.Balancer;
import io.prescal.proxy.pool.PickContext;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The backend with the fewest requests in flight relative to its weight (HAProxy's {@code
 * leastconn}); ties go round robin so that an idle service still spreads its requests.
 */
final class LeastRequest implements Balancer {
  private final SlowStart slowStart;
  private final AtomicInteger offset = new AtomicInteger();

  LeastRequest(SlowStart slowStart) {
    this.slowStart = slowStart;
  }

  @Override
  public Backend pick(List<Backend> candidates, PickContext context) {
    long now = System.nanoTime();
    int n = candidates.size();
    int start = Math.floorMod(offset.getAndIncrement(), n);
    Backend best = null;
    double bestLoad = Double.MAX_VALUE;
    for (int i = 0; i < n; i++) {
      Backend backend = candidates.get((start + i) % n);
      double load = (backend.inFlight() + 1) / slowStart.weight(backend, now);
      if (load < bestLoad) {
        best = backend;
        bestLoad = load;
      }
    }
    return best;
  }
}
