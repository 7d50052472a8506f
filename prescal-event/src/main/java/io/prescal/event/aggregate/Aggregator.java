package io.prescal.event.aggregate;

import io.prescal.common.event.ColdStart;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ProxyStatus;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ServiceState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Aggregates what every proxy instance reports into per-service state, once per tick. Messages are
 * only recorded on arrival (cheap, on the subscriber's thread); the merging happens in {@link
 * #tick}. Time comes from the caller, so tests drive it with a fake clock. Thread-safe.
 */
public final class Aggregator {

  private final Duration staleAfter;
  private final Duration forgetAfter;
  private final Map<String, ProxyFeed> proxies = new LinkedHashMap<>();
  private final Map<String, ServiceLedger> ledgers = new TreeMap<>();
  private Map<String, ServiceState> latest = Map.of();
  private MinuteWindow minutes;

  /**
   * @param staleAfter a proxy silent this long is left out of the aggregates and marked stale
   * @param forgetAfter a proxy silent this long is forgotten
   */
  public Aggregator(Duration staleAfter, Duration forgetAfter) {
    this.staleAfter = staleAfter;
    this.forgetAfter = forgetAfter;
  }

  /** Records a metrics snapshot from proxy {@code source}. */
  public synchronized void onMetrics(String source, MetricsSnapshot snapshot, Instant receivedAt) {
    feed(source, receivedAt).add(snapshot, receivedAt);
  }

  /** Records a discrete event from a proxy: it is alive, and cold starts and decisions count. */
  public synchronized void onEvent(Envelope envelope, Instant receivedAt) {
    feed(envelope.source(), receivedAt).heard(receivedAt);
    String service = envelope.service();
    if (service == null) {
      return;
    }
    switch (envelope.data()) {
      case ColdStart c ->
          ledgers.merge(
              service,
              ServiceLedger.EMPTY.coldStart(c.millis()),
              (old, n) -> old.coldStart(c.millis()));
      case ScaleDecision d ->
          ledgers.merge(service, ServiceLedger.EMPTY.decision(d), (old, n) -> old.decision(d));
      default -> {}
    }
  }

  private ProxyFeed feed(String source, Instant at) {
    return proxies.computeIfAbsent(source, s -> new ProxyFeed(s, at));
  }

  /** Closes the current second: the state of every service, proxy statuses, history points. */
  public synchronized Tick tick(Instant now) {
    if (minutes == null) {
      minutes = new MinuteWindow(now);
    }
    proxies.values().removeIf(p -> p.silentFor(forgetAfter, now));
    List<SeriesPoint> points = new ArrayList<>(minutes.roll(now, latest));
    Map<String, List<ServiceSlice>> live = new TreeMap<>();
    TreeSet<String> known = new TreeSet<>();
    List<ProxyStatus> statuses = new ArrayList<>();
    for (ProxyFeed feed : proxies.values()) {
      feed.roll().forEach(minutes::add);
      boolean stale = feed.silentFor(staleAfter, now);
      statuses.add(new ProxyStatus(feed.source(), feed.lastSeen(), stale));
      feed.current()
          .forEach(
              (service, slice) -> {
                known.add(service);
                if (!stale) {
                  live.computeIfAbsent(service, k -> new ArrayList<>()).add(slice);
                }
              });
    }
    Map<String, ServiceState> states = new LinkedHashMap<>();
    long second = Math.floorDiv(now.toEpochMilli(), 1000) * 1000;
    for (String service : known) {
      ServiceState state =
          StateAssembler.assemble(
              service,
              live.getOrDefault(service, List.of()),
              ledgers.getOrDefault(service, ServiceLedger.EMPTY),
              now);
      states.put(service, state);
      if (!state.stale()) {
        points.add(SeriesPoint.second(state, second));
      }
    }
    latest = Map.copyOf(states);
    return new Tick(List.copyOf(states.values()), List.copyOf(statuses), List.copyOf(points));
  }

  /** The per-minute points of the minute so far, for a shutdown. */
  public synchronized List<SeriesPoint> flushMinute(Instant now) {
    return minutes == null ? List.of() : minutes.flush(now, latest);
  }

  /** Cold starts and scale decisions per service. */
  public synchronized Map<String, ServiceLedger> ledgers() {
    return Map.copyOf(ledgers);
  }
}
