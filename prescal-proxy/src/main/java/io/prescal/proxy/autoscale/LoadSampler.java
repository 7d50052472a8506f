package io.prescal.proxy.autoscale;

import io.prescal.proxy.pool.ServicePool;
import java.util.function.IntSupplier;

/**
 * One service's load over a tick, as the autoscaler wants it: requests in flight (held ones
 * included) averaged over several samples taken during the tick, and the requests that arrived.
 * Used by the scale loop's thread only.
 */
final class LoadSampler {

  /** The load of one tick. */
  record Load(double concurrency, long requests) {}

  private final ServicePool pool;
  private final IntSupplier held;
  private double sum;
  private int samples;
  private long lastRequests;

  LoadSampler(ServicePool pool, IntSupplier held) {
    this.pool = pool;
    this.held = held;
    this.lastRequests = pool.requestCount();
  }

  /** Takes one sample of the requests in flight now. */
  void sample() {
    sum += pool.inFlight() + held.getAsInt();
    samples++;
  }

  /** The load since the previous call (with one last sample), and starts a new tick. */
  Load take() {
    sample();
    double average = sum / samples;
    sum = 0;
    samples = 0;
    long requests = pool.requestCount();
    long arrived = Math.max(0, requests - lastRequests);
    lastRequests = requests;
    return new Load(average, arrived);
  }
}
