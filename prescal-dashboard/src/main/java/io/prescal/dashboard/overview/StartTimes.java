package io.prescal.dashboard.overview;

import io.prescal.common.event.BackendReady;
import io.prescal.common.event.Envelope;
import io.prescal.dashboard.ui.Figures;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LongSummaryStatistics;
import java.util.Optional;

/**
 * How long backends took to start, from the latest {@code backend.ready} events, at most a set
 * number of them: a scale-out start is not a cold start (nothing waited for it), but a reader of
 * the Cold starts tile wants to know what a start costs.
 */
final class StartTimes {

  private record Start(String service, long millis) {}

  private final int max;
  private final Deque<Start> starts = new ArrayDeque<>();

  /**
   * @param max the most starts kept, over all services
   */
  StartTimes(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max: " + max + " (expected: >= 1)");
    }
    this.max = max;
  }

  /** Keeps {@code envelope}'s start time if it is a backend becoming ready; returns whether. */
  boolean keep(Envelope envelope) {
    if (envelope.service() == null || !(envelope.data() instanceof BackendReady ready)) {
      return false;
    }
    starts.addLast(new Start(envelope.service(), ready.startupMillis()));
    while (starts.size() > max) {
      starts.removeFirst();
    }
    return true;
  }

  /** E.g. "starts 2.30 s" or "starts 2.30 s – 5.00 s"; empty when none of it is known. */
  Optional<String> of(String service) {
    LongSummaryStatistics stats =
        starts.stream()
            .filter(s -> s.service().equals(service))
            .mapToLong(Start::millis)
            .summaryStatistics();
    if (stats.getCount() == 0) {
      return Optional.empty();
    }
    String low = Figures.millis(stats.getMin());
    String high = Figures.millis(stats.getMax());
    return Optional.of("starts " + (low.equals(high) ? low : low + " – " + high));
  }

  void clear() {
    starts.clear();
  }
}
