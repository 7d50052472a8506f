package io.prescal.dashboard.overview;

import io.prescal.common.event.Envelope;
import io.prescal.dashboard.chart.ChartMarker;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The events the overview's charts mark (scale-ups, scale-downs, cold starts), oldest first, at
 * most a set number: events arrive for as long as the view is open, so the oldest go.
 */
final class MarkedEvents {

  private final int max;
  private final Deque<Envelope> events = new ArrayDeque<>();

  /**
   * @param max the most events kept
   */
  MarkedEvents(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max: " + max + " (expected: >= 1)");
    }
    this.max = max;
  }

  /** Keeps {@code envelope} if it marks a chart of a service; returns whether it does. */
  boolean keep(Envelope envelope) {
    if (envelope.service() == null || ChartMarker.of(envelope).isEmpty()) {
      return false;
    }
    events.addLast(envelope);
    while (events.size() > max) {
      events.removeFirst();
    }
    return true;
  }

  /** The markers of {@code service}, oldest first. */
  List<ChartMarker> of(String service) {
    return events.stream()
        .filter(e -> service.equals(e.service()))
        .flatMap(e -> ChartMarker.of(e).stream())
        .toList();
  }

  void clear() {
    events.clear();
  }

  int size() {
    return events.size();
  }
}
