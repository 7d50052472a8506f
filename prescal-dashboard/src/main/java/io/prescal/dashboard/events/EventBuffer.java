package io.prescal.dashboard.events;

import io.prescal.common.event.Envelope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The events a log view holds: newest first, each once (backfill and live overlap), at most a
 * capacity; while paused, new events wait aside so the rows a user reads stay still.
 */
public final class EventBuffer {

  private final int capacity;
  private final Deque<Envelope> shown = new ArrayDeque<>();
  private final List<Envelope> waiting = new ArrayList<>();
  private final Set<String> ids = new HashSet<>();
  private boolean paused;

  public EventBuffer(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity: " + capacity + " (expected: >= 1)");
    }
    this.capacity = capacity;
  }

  /** Adds events read from the log, in any order; returns how many were new. */
  public int addAll(List<Envelope> envelopes) {
    List<Envelope> sorted = new ArrayList<>(envelopes);
    sorted.sort(Comparator.comparing(Envelope::time));
    int added = 0;
    for (Envelope envelope : sorted) {
      if (add(envelope)) {
        added++;
      }
    }
    return added;
  }

  /** Adds one event unless it is already here; returns whether it was new. */
  public boolean add(Envelope envelope) {
    if (!ids.add(envelope.id())) {
      return false;
    }
    if (paused) {
      waiting.add(envelope);
    } else {
      show(envelope);
    }
    return true;
  }

  private void show(Envelope envelope) {
    shown.addFirst(envelope);
    while (shown.size() > capacity) {
      ids.remove(shown.removeLast().id());
    }
  }

  /** Holds new events aside until {@link #resume()}. */
  public void pause() {
    paused = true;
  }

  /** Shows the events that waited, and new ones from now on. */
  public void resume() {
    paused = false;
    waiting.forEach(this::show);
    waiting.clear();
  }

  public boolean paused() {
    return paused;
  }

  /** How many events wait while paused. */
  public int waiting() {
    return waiting.size();
  }

  /** The events shown that pass {@code filter}, newest first. */
  public List<Envelope> visible(EventFilter filter) {
    return shown.stream().filter(filter::test).toList();
  }

  /** Every event shown, newest first. */
  public List<Envelope> all() {
    return List.copyOf(shown);
  }
}
