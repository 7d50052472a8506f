package io.prescal.traffic.engine;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Per-backend figures, keyed by the value of the proxy's backend header. Shared by all workers
 * (thread-safe); only responses that carry the header are counted.
 */
public final class BackendTally {

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();

  void record(String backend, long latencyMicros, boolean error) {
    Entry e = entries.computeIfAbsent(backend, k -> new Entry());
    e.latency.recordValue(Math.min(latencyMicros, WorkerStats.HIGHEST_MICROS));
    e.requests.increment();
    if (error) {
      e.errors.increment();
    }
  }

  /** What each backend got, by name, latency from the intended send time. */
  public Map<String, BackendFigures> figures() {
    Map<String, BackendFigures> out = new TreeMap<>();
    entries.forEach(
        (name, e) -> {
          Histogram h = WorkerStats.newHistogram();
          synchronized (e) {
            e.total.add(e.latency.getIntervalHistogram());
            h.add(e.total);
          }
          out.put(name, new BackendFigures(e.requests.sum(), e.errors.sum(), h));
        });
    return out;
  }

  /**
   * One backend's figures.
   *
   * @param requests responses it gave
   * @param errors of which 4xx and 5xx
   * @param latency their latency, microseconds
   */
  public record BackendFigures(long requests, long errors, Histogram latency) {}

  private static final class Entry {
    final Recorder latency = new Recorder(1, WorkerStats.HIGHEST_MICROS, WorkerStats.DIGITS);
    final Histogram total = WorkerStats.newHistogram();
    final LongAdder requests = new LongAdder();
    final LongAdder errors = new LongAdder();
  }
}
