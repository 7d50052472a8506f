package io.prescal.proxy.pool;

import java.util.List;

/**
 * Picks the backend for one request among the routable ones. Called concurrently from every event
 * loop; implementations never block. Factories live in {@link io.prescal.proxy.balance.Balancers}.
 */
@FunctionalInterface
public interface Balancer {

  /**
   * Picks one of {@code candidates}.
   *
   * @param candidates READY backends (not empty), in a stable order for a given snapshot
   * @param context what the request offers for hashing
   * @return one of {@code candidates}
   */
  Backend pick(List<Backend> candidates, PickContext context);
}
