package io.prescal.proxy.config;

import io.prescal.proxy.balance.Balancers;
import io.prescal.proxy.balance.HashOn;
import io.prescal.proxy.balance.SlowStart;
import io.prescal.proxy.pool.Balancer;
import java.time.Duration;

/**
 * Which balancing algorithm a service uses.
 *
 * @param type round-robin, least-request, p2c, peak-ewma or hash
 * @param hashOn for hash: what is hashed
 * @param loadFactor for hash: the bound on a backend's load relative to the average
 */
public record BalancerConfig(String type, HashOn hashOn, double loadFactor) {

  /** A new balancer of this type. */
  public Balancer create(Duration slowStart) {
    SlowStart ramp = new SlowStart(slowStart);
    return switch (type) {
      case "round-robin" -> Balancers.roundRobin(ramp);
      case "least-request" -> Balancers.leastRequest(ramp);
      case "peak-ewma" -> Balancers.peakEwma(ramp);
      case "hash" -> Balancers.consistentHash(hashOn, loadFactor, ramp);
      default -> Balancers.p2c(ramp);
    };
  }
}
