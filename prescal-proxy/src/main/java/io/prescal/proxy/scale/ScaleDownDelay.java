package io.prescal.proxy.scale;

import java.util.ArrayDeque;

/**
 * The largest replica count recommended over the last delay: a scale-down only goes through once
 * every recommendation of the delay asked for fewer replicas (Knative's scale-down delay, HPA's
 * stabilization window). Scale-ups pass at once.
 */
final class ScaleDownDelay {

  private record Recommendation(long atMillis, int replicas) {}

  private final ArrayDeque<Recommendation> recent = new ArrayDeque<>();

  /** Records a recommendation and returns the largest one within the last {@code delayMillis}. */
  int apply(long nowMillis, int replicas, long delayMillis) {
    while (!recent.isEmpty() && recent.peekLast().replicas() <= replicas) {
      // Smaller older values can never be the maximum again: keep a decreasing deque.
      recent.removeLast();
    }
    recent.addLast(new Recommendation(nowMillis, replicas));
    while (recent.peekFirst().atMillis() < nowMillis - delayMillis) {
      recent.removeFirst();
    }
    return recent.peekFirst().replicas();
  }

  /** Forgets every recommendation (the service went to zero: its past load says nothing). */
  void clear() {
    recent.clear();
  }
}
