package io.prescal.common.codec;

import io.prescal.common.event.Envelope;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts what a consumer read, and logs the first message of each kind it skips or cannot read, so
 * a flood of garbage costs one log line per kind. Text from the message is logged {@link
 * Printable}: escaped and cut, never able to start a line of its own. Thread-safe.
 */
public final class DecodeCounters {

  private static final System.Logger LOG = System.getLogger(DecodeCounters.class.getName());

  /** Text taken from a message is cut to this many characters in a log line. */
  private static final int MAX_LOGGED_CHARS = 200;

  private final String consumer;
  private final LongAdder events = new LongAdder();
  private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  /**
   * @param consumer who reads, for the log lines, e.g. "prescal-event on prescal:metrics"
   */
  public DecodeCounters(String consumer) {
    this.consumer = consumer;
  }

  /** Counts {@code decoded} and returns its envelope when it is an event to act on. */
  public Optional<Envelope> accept(Decoded decoded) {
    switch (decoded) {
      case Decoded.Event e -> {
        events.increment();
        return Optional.of(e.envelope());
      }
      case Decoded.Skipped s -> {
        String key = "skipped." + s.reason().name().toLowerCase();
        count(key);
        logOnce(
            key,
            "skipping messages: {0} (type {1}, schema {2}); counting them without logging again",
            s.reason(),
            Printable.of(s.type(), MAX_LOGGED_CHARS),
            Printable.of(s.schema(), MAX_LOGGED_CHARS));
      }
      case Decoded.Malformed m -> {
        String key = "malformed." + m.kind().name().toLowerCase();
        count(key);
        logOnce(
            key,
            "dropping malformed messages: {0}: {1}; counting them without logging again",
            m.kind(),
            Printable.of(m.detail(), MAX_LOGGED_CHARS));
      }
    }
    return Optional.empty();
  }

  private void count(String key) {
    counts.computeIfAbsent(key, k -> new LongAdder()).increment();
  }

  private void logOnce(String key, String format, Object... args) {
    if (logged.add(key)) {
      LOG.log(Level.WARNING, consumer + ": " + format, args);
    }
  }

  /** Events read and accepted. */
  public long events() {
    return events.sum();
  }

  /** Messages skipped or dropped, all kinds together. */
  public long rejected() {
    return counts.values().stream().mapToLong(LongAdder::sum).sum();
  }

  /**
   * Counts by kind: "skipped.unknown_type", "skipped.newer_version", "skipped.unsupported_version",
   * "malformed.not_json", "malformed.oversized", ... (only kinds seen).
   */
  public Map<String, Long> byKind() {
    Map<String, Long> copy = new TreeMap<>();
    counts.forEach((k, v) -> copy.put(k, v.sum()));
    return copy;
  }
}
