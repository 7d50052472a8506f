package io.prescal.proxy.balance;

import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.Balancer;
import io.prescal.proxy.pool.PickContext;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToDoubleBiFunction;

/**
 * Two backends at random, the one with the lower cost wins: nearly as good as a full scan, with no
 * herd behaviour when many proxies share backends. The cost function makes it least-request P2C or
 * peak-EWMA P2C.
 */
final class PowerOfTwoChoices implements Balancer {
  private final ToDoubleBiFunction<Backend, Long> cost;

  PowerOfTwoChoices(ToDoubleBiFunction<Backend, Long> cost) {
    this.cost = cost;
  }

  @Override
  public Backend pick(List<Backend> candidates, PickContext context) {
    int n = candidates.size();
    ThreadLocalRandom random = ThreadLocalRandom.current();
    int first = random.nextInt(n);
    int second = random.nextInt(n - 1);
    if (second >= first) {
      second++;
    }
    Backend a = candidates.get(first);
    Backend b = candidates.get(second);
    long now = System.nanoTime();
    return cost.applyAsDouble(a, now) <= cost.applyAsDouble(b, now) ? a : b;
  }
}
