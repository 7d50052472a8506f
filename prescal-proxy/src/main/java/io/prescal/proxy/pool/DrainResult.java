package io.prescal.proxy.pool;

/**
 * How a drain ended.
 *
 * @param backendId the backend
 * @param drainMillis time from the start of the drain to its end
 * @param abandoned requests still in flight when the drain timeout ended the wait (0: clean)
 */
public record DrainResult(String backendId, long drainMillis, int abandoned) {
  /** Whether every in-flight request finished before the timeout. */
  public boolean clean() {
    return abandoned == 0;
  }
}
