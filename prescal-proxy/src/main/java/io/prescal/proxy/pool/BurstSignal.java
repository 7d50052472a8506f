package io.prescal.proxy.pool;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Tells a service's autoscaler at once when requests in flight on a backend reach the panic level,
 * instead of at its next tick. The request path pays one comparison of the picked backend's
 * in-flight count against a threshold worked out once per configuration; only when it is crossed
 * does it read the clock and, once until the autoscaler {@link #rearm rearms} it (at its next
 * tick), wake the autoscaler's thread. Nothing is allocated per request. Thread-safe.
 */
public final class BurstSignal {

  /** Told of a burst, on the request's thread: must return at once, without blocking. */
  @FunctionalInterface
  public interface Listener {
    /**
     * @param nanos the {@link System#nanoTime()} at which it was seen
     * @param inFlight the in-flight count of the backend that reached the level, the request that
     *     did included (it may not be counted in flight yet)
     */
    void burst(long nanos, int inFlight);
  }

  private static final VarHandle ARMED;

  static {
    try {
      ARMED = MethodHandles.lookup().findVarHandle(BurstSignal.class, "armed", boolean.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  private volatile int threshold = Integer.MAX_VALUE;
  private volatile Listener wake = (nanos, inFlight) -> {};
  private volatile boolean armed;

  /**
   * Watches for in-flight counts of at least {@code threshold} on one backend and tells {@code
   * wake}. {@link Integer#MAX_VALUE} turns the signal off.
   */
  public void watch(int threshold, Listener wake) {
    this.wake = wake;
    this.threshold = Math.max(1, threshold);
    this.armed = true;
  }

  /** Lets the next crossing wake the autoscaler again (once per tick). */
  public void rearm() {
    armed = true;
  }

  /**
   * Called on the request path with the in-flight count of the backend a request goes to, that
   * request included.
   */
  void observe(int inFlight) {
    if (inFlight >= threshold && armed && ARMED.compareAndSet(this, true, false)) {
      wake.burst(System.nanoTime(), inFlight);
    }
  }

  /** The in-flight count on one backend that wakes the autoscaler. */
  public int threshold() {
    return threshold;
  }
}
