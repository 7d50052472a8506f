package io.prescal.event.aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The services the aggregator keeps figures for. Service names come from outside (any message on
 * Redis can name one), so the roster holds at most a set number: a name not tracked yet is refused
 * (and counted) while the roster is full, so the services already tracked are never pushed out by a
 * flood of invented names; a service not heard of for the idle time is forgotten, with its ledger,
 * which makes room again. Not thread-safe: the {@link Aggregator} guards it.
 */
final class ServiceRoster {

  private static final class Entry {
    Instant lastHeard;
    ServiceLedger ledger = ServiceLedger.EMPTY;

    Entry(Instant at) {
      lastHeard = at;
    }
  }

  private final int max;
  private final Map<String, Entry> entries = new HashMap<>();
  private long refused;
  private long forgotten;

  /**
   * @param max the most services tracked at once
   */
  ServiceRoster(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max services: " + max + " (expected: >= 1)");
    }
    this.max = max;
  }

  /**
   * Notes that {@code service} was heard of at {@code at}, admitting it when there is room.
   *
   * @return whether it is tracked (false: the roster is full and it was refused)
   */
  boolean hear(String service, Instant at) {
    Entry entry = entries.get(service);
    if (entry == null) {
      if (entries.size() >= max) {
        refused++;
        return false;
      }
      entries.put(service, new Entry(at));
      return true;
    }
    if (at.isAfter(entry.lastHeard)) {
      entry.lastHeard = at;
    }
    return true;
  }

  /** Whether {@code service} is tracked. */
  boolean contains(String service) {
    return entries.containsKey(service);
  }

  /** The ledger of a tracked service, empty when it is not tracked. */
  ServiceLedger ledger(String service) {
    Entry entry = entries.get(service);
    return entry == null ? ServiceLedger.EMPTY : entry.ledger;
  }

  /** Changes the ledger of {@code service} if it is tracked. */
  void updateLedger(String service, UnaryOperator<ServiceLedger> change) {
    Entry entry = entries.get(service);
    if (entry != null) {
      entry.ledger = change.apply(entry.ledger);
    }
  }

  /** Forgets every service not heard of for longer than {@code idle}. */
  void expire(Instant now, Duration idle) {
    int before = entries.size();
    entries.values().removeIf(e -> Duration.between(e.lastHeard, now).compareTo(idle) > 0);
    forgotten += before - entries.size();
  }

  /** The ledgers of the tracked services. */
  Map<String, ServiceLedger> ledgers() {
    Map<String, ServiceLedger> copy = new HashMap<>();
    entries.forEach((service, entry) -> copy.put(service, entry.ledger));
    return copy;
  }

  int size() {
    return entries.size();
  }

  int max() {
    return max;
  }

  /** Names refused since start because the roster was full. */
  long refused() {
    return refused;
  }

  /** Services forgotten since start because nothing was heard of them. */
  long forgotten() {
    return forgotten;
  }
}
