package io.prescal.proxy.scale;

/**
 * Whether a service panics, and the replica count it may not fall below meanwhile. As in Knative,
 * panic lasts one stable window after the last moment the panic window was over the threshold, so
 * the burst has made its way into the stable average before ordinary decisions resume.
 */
final class PanicState {

  private long lastOverMillis = -1;
  private int floor;

  /**
   * Notes whether the panic window is over the threshold now.
   *
   * @return whether the service panics after this update
   */
  boolean update(long nowMillis, boolean over, long stableWindowMillis) {
    if (over) {
      lastOverMillis = nowMillis;
    } else if (lastOverMillis >= 0 && nowMillis - lastOverMillis > stableWindowMillis) {
      reset();
    }
    return lastOverMillis >= 0;
  }

  /** The largest of {@code replicas} and every count asked for since panic began. */
  int ratchet(int replicas) {
    floor = Math.max(floor, replicas);
    return floor;
  }

  /** Ends panic (resume, or the service went idle). */
  void reset() {
    lastOverMillis = -1;
    floor = 0;
  }
}
