package io.prescal.proxy.events;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** Commands read on {@code prescal:commands}: applied, and refused by kind. Thread-safe. */
final class CommandCounters {

  private final LongAdder accepted = new LongAdder();
  private final Map<RefusalKind, LongAdder> rejected = new EnumMap<>(RefusalKind.class);

  CommandCounters() {
    for (RefusalKind kind : RefusalKind.values()) {
      rejected.put(kind, new LongAdder());
    }
  }

  void accepted() {
    accepted.increment();
  }

  void rejected(RefusalKind kind) {
    rejected.get(kind).increment();
  }

  long acceptedCount() {
    return accepted.sum();
  }

  /** Every kind, in declaration order, with its count (0 when none). */
  Map<String, Long> rejectedByKind() {
    Map<String, Long> counts = new LinkedHashMap<>();
    rejected.forEach((kind, count) -> counts.put(kind.label(), count.sum()));
    return counts;
  }
}
