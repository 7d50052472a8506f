package io.prescal.proxy.metrics;

import io.prescal.common.metrics.LatencyHistogram;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.ServiceRegistry;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.HdrHistogram.Histogram;

/**
 * Per backend, the last {@link #SECONDS} seconds of latency and request counts (for rates and
 * percentiles in {@code /status}) and the latency since start (for the Prometheus histogram).
 * {@link #tick()} runs once a second on one thread; readers take consistent copies.
 */
public final class TrafficWindow {
  /** Width of the rolling window. */
  public static final int SECONDS = 10;

  private final ServiceRegistry registry;
  private final Map<Backend, Track> tracks = new ConcurrentHashMap<>();

  public TrafficWindow(ServiceRegistry registry) {
    this.registry = registry;
  }

  /** Closes the current second of every backend. */
  public void tick() {
    for (ServicePool pool : registry.pools().values()) {
      for (Backend backend : pool.snapshot().all()) {
        tracks.computeIfAbsent(backend, b -> new Track()).tick(backend);
      }
    }
    tracks.keySet().removeIf(b -> b.state() == io.prescal.common.event.BackendState.REMOVED);
  }

  /** The backend's requests per second over the window. */
  public double rate(Backend backend) {
    Track track = tracks.get(backend);
    return track == null ? 0 : track.rate();
  }

  /** The backend's latency over the window. */
  public LatencyHistogram recent(Backend backend) {
    Track track = tracks.get(backend);
    return track == null ? LatencyHistogram.empty() : track.recent();
  }

  /** The backend's latency since it was first seen. */
  public LatencyHistogram total(Backend backend) {
    Track track = tracks.get(backend);
    return track == null ? LatencyHistogram.empty() : track.total();
  }

  private static final class Track {
    private final ArrayDeque<Histogram> seconds = new ArrayDeque<>();
    private final ArrayDeque<Long> counts = new ArrayDeque<>();
    private final Histogram total = LatencyHistogram.newHistogram();

    synchronized void tick(Backend backend) {
      Histogram second = backend.stats().takeStatusLatency(null);
      total.add(second);
      seconds.addLast(second);
      counts.addLast(backend.stats().requests());
      if (seconds.size() > SECONDS) {
        seconds.removeFirst();
      }
      if (counts.size() > SECONDS + 1) {
        counts.removeFirst();
      }
    }

    synchronized double rate() {
      if (counts.size() < 2) {
        return 0;
      }
      return (double) (counts.getLast() - counts.getFirst()) / (counts.size() - 1);
    }

    synchronized LatencyHistogram recent() {
      Histogram sum = LatencyHistogram.newHistogram();
      seconds.forEach(sum::add);
      return LatencyHistogram.of(sum);
    }

    synchronized LatencyHistogram total() {
      return LatencyHistogram.of(total);
    }
  }
}
