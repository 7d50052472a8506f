package io.prescal.proxy.balance;

import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.Balancer;

/** Factories of every balancing algorithm. */
public final class Balancers {

  /** Round robin, smooth-weighted when weights differ or backends ramp up. */
  public static Balancer roundRobin(SlowStart slowStart) {
    return new WeightedRoundRobin(slowStart);
  }

  /** The fewest in-flight requests per unit of weight, by full scan. */
  public static Balancer leastRequest(SlowStart slowStart) {
    return new LeastRequest(slowStart);
  }

  /** Power of two random choices on in-flight requests per unit of weight. */
  public static Balancer p2c(SlowStart slowStart) {
    return new PowerOfTwoChoices(
        (backend, now) -> (backend.inFlight() + 1) / slowStart.weight(backend, now));
  }

  /** Power of two choices on peak-EWMA latency times outstanding requests (Finagle, Linkerd). */
  public static Balancer peakEwma(SlowStart slowStart) {
    return new PowerOfTwoChoices(
        (Backend backend, Long now) ->
            backend.latency().estimateNanos()
                * (backend.inFlight() + 1)
                / slowStart.weight(backend, now));
  }

  /**
   * Consistent hashing on {@code hashOn} with bounded load; requests without a key use P2C.
   *
   * @param loadFactor how far above the average load a backend may go before keys spill over (e.g.
   *     1.25)
   */
  public static Balancer consistentHash(HashOn hashOn, double loadFactor, SlowStart slowStart) {
    return new ConsistentHash(hashOn, loadFactor, p2c(slowStart));
  }

  private Balancers() {}
}
