package io.prescal.dashboard.events;

import io.prescal.common.event.Envelope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The events a log view holds: newest first, each once (backfill and live overlap), at most a
 * capacity; while paused, new events wait aside so the rows a user reads stay still, at most a
 * capacity of them too: beyond it the oldest waiting ones are dropped and counted (they would fall
 * off the shown list at resume anyway). Everything here is bounded by the capacity, the services
 * named included: they are only those of the events held.
 */
public final class EventBuffer {

  private final int capacity;
  private final Deque<Envelope> shown = new ArrayDeque<>();
  private final Deque<Envelope> waiting = new ArrayDeque<>();
  private final Set<String> ids = new HashSet<>();
  private final Map<String, Integer> services = new HashMap<>();
  private boolean paused;
  private long droppedWhilePaused;

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
    hold(envelope);
    if (paused) {
      waiting.addLast(envelope);
      while (waiting.size() > capacity) {
        release(waiting.removeFirst());
        droppedWhilePaused++;
      }
    } else {
      show(envelope);
    }
    return true;
  }

  private void show(Envelope envelope) {
    shown.addFirst(envelope);
    while (shown.size() > capacity) {
      release(shown.removeLast());
    }
  }

  private void hold(Envelope envelope) {
    if (envelope.service() != null) {
      services.merge(envelope.service(), 1, Integer::sum);
    }
  }

  private void release(Envelope envelope) {
    ids.remove(envelope.id());
    if (envelope.service() != null) {
      services.computeIfPresent(envelope.service(), (s, n) -> n == 1 ? null : n - 1);
    }
  }

  /** Holds new events aside until {@link #resume()}; the count of dropped ones starts at 0. */
  public void pause() {
    if (!paused) {
      paused = true;
      droppedWhilePaused = 0;
    }
  }

  /** Shows the events that waited, and new ones from now on. */
  public void resume() {
    paused = false;
    waiting.forEach(this::show);
    waiting.clear();
    droppedWhilePaused = 0;
  }

  public boolean paused() {
    return paused;
  }

  /** How many events wait while paused (at most the capacity). */
  public int waiting() {
    return waiting.size();
  }

  /** How many events were dropped during this pause because more than the capacity waited. */
  public long droppedWhilePaused() {
    return droppedWhilePaused;
  }

  /** The most events shown, and the most that wait while paused. */
  public int capacity() {
    return capacity;
  }

  /** The services named by the events held (shown or waiting), sorted. */
  public SortedSet<String> services() {
    return new TreeSet<>(services.keySet());
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
