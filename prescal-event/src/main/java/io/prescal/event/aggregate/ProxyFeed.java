package io.prescal.event.aggregate;

import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ServiceMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one proxy instance reported: the snapshots received since the last tick, and the latest
 * per-service slices, which stand for the proxy until newer ones arrive. Not thread-safe: the
 * {@link Aggregator} guards it.
 */
final class ProxyFeed {

  private final String source;
  private Instant lastSeen;
  private final List<MetricsSnapshot> pending = new ArrayList<>();
  private Map<String, ServiceSlice> current = Map.of();

  ProxyFeed(String source, Instant firstSeen) {
    this.source = source;
    this.lastSeen = firstSeen;
  }

  String source() {
    return source;
  }

  Instant lastSeen() {
    return lastSeen;
  }

  void heard(Instant at) {
    if (at.isAfter(lastSeen)) {
      lastSeen = at;
    }
  }

  void add(MetricsSnapshot snapshot, Instant at) {
    pending.add(snapshot);
    heard(at);
  }

  /**
   * Makes the snapshots received since the last roll the current figures, and returns them (empty
   * when none arrived: the previous figures stay current, a late message does not make a dip).
   */
  Map<String, ServiceSlice> roll() {
    if (pending.isEmpty()) {
      return Map.of();
    }
    Map<String, ServiceSlice> fresh = new LinkedHashMap<>();
    for (MetricsSnapshot snapshot : pending) {
      for (ServiceMetrics m : snapshot.services()) {
        fresh.merge(m.service(), ServiceSlice.of(m, snapshot.intervalMillis()), ServiceSlice::then);
      }
    }
    pending.clear();
    current = Map.copyOf(fresh);
    return current;
  }

  Map<String, ServiceSlice> current() {
    return current;
  }

  boolean silentFor(Duration limit, Instant now) {
    return Duration.between(lastSeen, now).compareTo(limit) > 0;
  }
}
