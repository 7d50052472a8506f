package io.prescal.event.aggregate;

import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ServiceMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What one proxy instance reported: the snapshots received since the last tick, merged as they
 * arrive (so a flood of snapshots within one tick costs one slice per service, not one per
 * snapshot), and the latest per-service slices, which stand for the proxy until newer ones arrive.
 * Not thread-safe: the {@link Aggregator} guards it.
 */
final class ProxyFeed {

  private final String source;
  private Instant lastSeen;
  private final Map<String, ServiceSlice> pending = new LinkedHashMap<>();
  private boolean received;
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

  /**
   * Adds what {@code snapshot} says about the services {@code tracked} accepts; the others are left
   * out.
   */
  void add(MetricsSnapshot snapshot, Instant at, Predicate<String> tracked) {
    for (ServiceMetrics m : snapshot.services()) {
      if (tracked.test(m.service())) {
        pending.merge(
            m.service(), ServiceSlice.of(m, snapshot.intervalMillis()), ServiceSlice::then);
      }
    }
    received = true;
    heard(at);
  }

  /**
   * Makes the snapshots received since the last roll the current figures, and returns them (empty
   * when none arrived: the previous figures stay current, a late message does not make a dip).
   */
  Map<String, ServiceSlice> roll() {
    if (!received) {
      return Map.of();
    }
    current = Map.copyOf(pending);
    pending.clear();
    received = false;
    return current;
  }

  Map<String, ServiceSlice> current() {
    return current;
  }

  boolean silentFor(Duration limit, Instant now) {
    return Duration.between(lastSeen, now).compareTo(limit) > 0;
  }
}
