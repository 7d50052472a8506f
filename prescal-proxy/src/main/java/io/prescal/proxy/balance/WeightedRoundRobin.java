package io.prescal.proxy.balance;

import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.Balancer;
import io.prescal.proxy.pool.PickContext;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Round robin; with unequal (or ramping) weights, nginx's smooth weighted round robin, which
 * interleaves backends instead of sending runs to the heaviest.
 */
final class WeightedRoundRobin implements Balancer {
  private final SlowStart slowStart;
  private final AtomicLong counter = new AtomicLong();
  private final Map<Backend, double[]> current = new IdentityHashMap<>();

  WeightedRoundRobin(SlowStart slowStart) {
    this.slowStart = slowStart;
  }

  @Override
  public Backend pick(List<Backend> candidates, PickContext context) {
    long now = System.nanoTime();
    if (slowStart.uniform(candidates, now)) {
      return candidates.get((int) Math.floorMod(counter.getAndIncrement(), candidates.size()));
    }
    synchronized (current) {
      if (current.size() > candidates.size() * 2) {
        current.keySet().retainAll(candidates);
      }
      double total = 0;
      Backend best = null;
      double bestValue = 0;
      for (Backend backend : candidates) {
        double weight = slowStart.weight(backend, now);
        double[] value = current.computeIfAbsent(backend, b -> new double[1]);
        value[0] += weight;
        total += weight;
        if (best == null || value[0] > bestValue) {
          best = backend;
          bestValue = value[0];
        }
      }
      current.get(best)[0] -= total;
      return best;
    }
  }
}
