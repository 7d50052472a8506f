package io.prescal.proxy.autoscale;

/**
 * A service's cold starts so far: the time from the first request held while no backend was ready
 * to the first backend ready.
 *
 * @param count cold starts measured since the proxy started
 * @param lastMillis the last one's length, 0 before the first
 * @param lastHeld requests that waited during the last one
 * @param totalMillis the lengths added up (Prometheus' _sum)
 */
public record ColdStartStats(long count, long lastMillis, int lastHeld, long totalMillis) {

  /** No cold start yet. */
  public static final ColdStartStats NONE = new ColdStartStats(0, 0, 0, 0);

  ColdStartStats plus(long millis, int held) {
    return new ColdStartStats(count + 1, millis, held, totalMillis + millis);
  }
}
