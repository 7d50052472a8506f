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
 *
 * <p>Proxy names and service names come from messages anyone on Redis can publish, so both are
 * bounded: at most {@code maxProxies} proxies and {@code maxServices} services are tracked; a new
 * name beyond that is refused and counted (what is tracked is never pushed out), and a proxy or
 * service not heard of for {@code forgetAfter} is forgotten, which makes room again.
 */
public final class Aggregator {

  private final Duration staleAfter;
  private final Duration forgetAfter;
  private final int maxProxies;
  private final Map<String, ProxyFeed> proxies = new LinkedHashMap<>();
  private final ServiceRoster services;
  private long proxiesRefused;
  private Map<String, ServiceState> latest = Map.of();
  private MinuteWindow minutes;

  /**
   * @param staleAfter a proxy silent this long is left out of the aggregates and marked stale
   * @param forgetAfter a proxy silent this long is forgotten; so is a service nothing was heard of
   *     for this long, with its ledger
   * @param maxProxies the most proxy instances tracked at once
   * @param maxServices the most services tracked at once
   */
  public Aggregator(Duration staleAfter, Duration forgetAfter, int maxProxies, int maxServices) {
    if (maxProxies < 1) {
      throw new IllegalArgumentException("max proxies: " + maxProxies + " (expected: >= 1)");
    }
    this.staleAfter = staleAfter;
    this.forgetAfter = forgetAfter;
    this.maxProxies = maxProxies;
    this.services = new ServiceRoster(maxServices);
  }

  /** Records a metrics snapshot from proxy {@code source}. */
  public synchronized void onMetrics(String source, MetricsSnapshot snapshot, Instant receivedAt) {
    ProxyFeed feed = feed(source, receivedAt);
    if (feed != null) {
      feed.add(snapshot, receivedAt, service -> services.hear(service, receivedAt));
    }
  }

  /**
   * Records a discrete event from a proxy: it is alive, and cold starts and decisions count. Only
   * those two kinds of events make a service tracked; others only say it is still there.
   */
  public synchronized void onEvent(Envelope envelope, Instant receivedAt) {
    ProxyFeed feed = feed(envelope.source(), receivedAt);
    if (feed == null) {
      return;
    }
    feed.heard(receivedAt);
    String service = envelope.service();
    if (service == null) {
      return;
    }
    switch (envelope.data()) {
      case ColdStart c -> {
        if (services.hear(service, receivedAt)) {
          services.updateLedger(service, l -> l.coldStart(c.millis()));
        }
      }
      case ScaleDecision d -> {
        if (services.hear(service, receivedAt)) {
          services.updateLedger(service, l -> l.decision(d));
        }
      }
      default -> {
        if (services.contains(service)) {
          services.hear(service, receivedAt);
        }
      }
    }
  }

  /** The feed of {@code source}, new if there is room; null when refused. */
  private ProxyFeed feed(String source, Instant at) {
    ProxyFeed feed = proxies.get(source);
    if (feed == null) {
      if (proxies.size() >= maxProxies) {
        proxiesRefused++;
        return null;
      }
      feed = new ProxyFeed(source, at);
      proxies.put(source, feed);
    }
    return feed;
  }

  /** Closes the current second: the state of every service, proxy statuses, history points. */
  public synchronized Tick tick(Instant now) {
    if (minutes == null) {
      minutes = new MinuteWindow(now);
    }
    proxies.values().removeIf(p -> p.silentFor(forgetAfter, now));
    services.expire(now, forgetAfter);
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
                if (!services.contains(service)) {
                  return;
                }
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
              service, live.getOrDefault(service, List.of()), services.ledger(service), now);
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
    return Map.copyOf(services.ledgers());
  }

  /** What is tracked now against the limits, and what was refused or forgotten since start. */
  public synchronized AggregatorBounds bounds() {
    return new AggregatorBounds(
        proxies.size(),
        maxProxies,
        proxiesRefused,
        services.size(),
        services.max(),
        services.refused(),
        services.forgotten());
  }
}
