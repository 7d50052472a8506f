package io.prescal.proxy.balance;

import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.Balancer;
import io.prescal.proxy.pool.PickContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Ring hashing with bounded load (Mirrokni et al., as in HAProxy's {@code hash-balance-factor}): a
 * key goes to the first backend clockwise on the ring unless that one already carries more than
 * {@code loadFactor} times the average load, then to the next. Adding or removing a backend moves
 * only the keys near it. Requests without a key fall back to {@code fallback}.
 */
final class ConsistentHash implements Balancer {
  private static final int POINTS_PER_WEIGHT = 100;

  private final HashOn hashOn;
  private final double loadFactor;
  private final Balancer fallback;
  private volatile Ring ring = new Ring(List.of(), new long[0], new Backend[0]);

  ConsistentHash(HashOn hashOn, double loadFactor, Balancer fallback) {
    this.hashOn = hashOn;
    this.loadFactor = loadFactor;
    this.fallback = fallback;
  }

  @Override
  public Backend pick(List<Backend> candidates, PickContext context) {
    byte[] key = hashOn.key(context);
    if (key == null) {
      return fallback.pick(candidates, context);
    }
    Ring current = ring;
    if (current.candidates != candidates) {
      current = Ring.build(candidates);
      ring = current;
    }
    int total = 0;
    for (Backend backend : candidates) {
      total += backend.inFlight();
    }
    double limit = Math.ceil(loadFactor * (total + 1) / candidates.size());
    int index = current.indexOf(Hashing.hash(key));
    int points = current.hashes.length;
    for (int i = 0; i < points; i++) {
      Backend backend = current.backends[(index + i) % points];
      if (backend.inFlight() + 1 <= limit) {
        return backend;
      }
    }
    return current.backends[index];
  }

  private record Ring(List<Backend> candidates, long[] hashes, Backend[] backends) {
    static Ring build(List<Backend> candidates) {
      int size = candidates.stream().mapToInt(b -> b.weight() * POINTS_PER_WEIGHT).sum();
      long[][] points = new long[size][];
      int next = 0;
      for (int b = 0; b < candidates.size(); b++) {
        Backend backend = candidates.get(b);
        for (int p = 0; p < backend.weight() * POINTS_PER_WEIGHT; p++) {
          byte[] point = (backend.id() + "#" + p).getBytes(StandardCharsets.UTF_8);
          points[next++] = new long[] {Hashing.hash(point), b};
        }
      }
      Arrays.sort(points, (x, y) -> Long.compareUnsigned(x[0], y[0]));
      long[] hashes = new long[size];
      Backend[] owners = new Backend[size];
      for (int i = 0; i < size; i++) {
        hashes[i] = points[i][0];
        owners[i] = candidates.get((int) points[i][1]);
      }
      return new Ring(candidates, hashes, owners);
    }

    /** The first point at or after {@code hash}, wrapping around. */
    int indexOf(long hash) {
      int low = 0;
      int high = hashes.length;
      while (low < high) {
        int mid = (low + high) >>> 1;
        if (Long.compareUnsigned(hashes[mid], hash) < 0) {
          low = mid + 1;
        } else {
          high = mid;
        }
      }
      return low == hashes.length ? 0 : low;
    }
  }
}
