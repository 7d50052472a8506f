package io.prescal.event.aggregate;

import io.prescal.common.Keys;
import io.prescal.common.event.ServiceState;
import io.prescal.common.history.HistoryPoint;
import io.prescal.common.metrics.LatencyHistogram;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Sums every service's slices over the current minute and turns them into per-minute points when
 * the minute is over. Percentiles come from the minute's merged histogram; rates are over the part
 * of the minute this service covered (all of it, except the first minute after a start).
 */
final class MinuteWindow {

  private static final long MINUTE = Keys.Resolution.MINUTE.millis();

  private static final class Sums {
    long requests;
    long errors;
    final Histogram latency = LatencyHistogram.newHistogram();
  }

  private long minuteStart;
  private long coveredFrom;
  private final Map<String, Sums> sums = new TreeMap<>();

  MinuteWindow(Instant start) {
    this.minuteStart = floor(start.toEpochMilli());
    this.coveredFrom = start.toEpochMilli();
  }

  void add(String service, ServiceSlice fresh) {
    Sums s = sums.computeIfAbsent(service, k -> new Sums());
    s.requests += fresh.requests();
    s.errors += fresh.errors();
    fresh.latency().addTo(s.latency);
  }

  /**
   * When {@code now} is past the current minute: its points (gauges from {@code latest}) and a new
   * minute; otherwise nothing.
   */
  List<SeriesPoint> roll(Instant now, Map<String, ServiceState> latest) {
    long nowMinute = floor(now.toEpochMilli());
    if (nowMinute == minuteStart) {
      return List.of();
    }
    List<SeriesPoint> points = close(minuteStart + MINUTE, latest);
    minuteStart = nowMinute;
    coveredFrom = nowMinute;
    return points;
  }

  /** The points of the minute so far (for a shutdown), rates over the part covered. */
  List<SeriesPoint> flush(Instant now, Map<String, ServiceState> latest) {
    List<SeriesPoint> points = close(Math.min(now.toEpochMilli(), minuteStart + MINUTE), latest);
    coveredFrom = now.toEpochMilli();
    return points;
  }

  private List<SeriesPoint> close(long end, Map<String, ServiceState> latest) {
    double seconds = Math.max(1, end - coveredFrom) / 1000.0;
    List<SeriesPoint> points = new ArrayList<>();
    Map<String, Sums> all = new TreeMap<>(sums);
    latest.keySet().forEach(service -> all.putIfAbsent(service, new Sums()));
    all.forEach(
        (service, s) -> {
          ServiceState gauges = latest.get(service);
          LatencyHistogram latency = LatencyHistogram.of(s.latency);
          points.add(
              new SeriesPoint(
                  service,
                  Keys.Resolution.MINUTE,
                  new HistoryPoint(
                      minuteStart,
                      s.requests / seconds,
                      s.requests == 0 ? 0 : Math.min(1, (double) s.errors / s.requests),
                      StateAssembler.millis(latency.percentileMicros(50)),
                      StateAssembler.millis(latency.percentileMicros(99)),
                      gauges == null ? 0 : gauges.readyReplicas(),
                      gauges == null ? 0 : gauges.desiredReplicas(),
                      gauges == null ? 0 : gauges.inFlight(),
                      gauges == null ? 0 : gauges.queueLength())));
        });
    sums.clear();
    return points;
  }

  private static long floor(long epochMillis) {
    return Math.floorDiv(epochMillis, MINUTE) * MINUTE;
  }
}
