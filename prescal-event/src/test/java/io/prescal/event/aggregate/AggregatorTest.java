package io.prescal.event.aggregate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.prescal.common.Keys;
import io.prescal.common.event.BackendKind;
import io.prescal.common.event.BackendMetrics;
import io.prescal.common.event.BackendState;
import io.prescal.common.event.ColdStart;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ServiceMetrics;
import io.prescal.common.event.ServiceState;
import io.prescal.common.metrics.LatencyHistogram;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class AggregatorTest {

  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00.500Z");

  private final Aggregator aggregator =
      new Aggregator(Duration.ofSeconds(5), Duration.ofMinutes(1), 64, 256);

  static LatencyHistogram latency(long count, long millis) {
    Histogram h = LatencyHistogram.newHistogram();
    h.recordValueWithCount(millis * 1000, count);
    return LatencyHistogram.of(h);
  }

  static BackendMetrics backend(
      String id, BackendState state, long requests, long errors, int inFlight, LatencyHistogram l) {
    return new BackendMetrics(
        id,
        "127.0.0.1:1",
        BackendKind.STATIC,
        null,
        null,
        state,
        T0.minusSeconds(60),
        requests,
        Map.of("2xx", requests - errors, "5xx", errors),
        errors == 0 ? Map.of() : Map.of("status", errors),
        inFlight,
        l);
  }

  static MetricsSnapshot metrics(long intervalMillis, long rejected, BackendMetrics... backends) {
    return new MetricsSnapshot(
        intervalMillis,
        List.of(
            new ServiceMetrics("web", backends.length, 2, 0, rejected, null, List.of(backends))));
  }

  private ServiceState web(Tick tick) {
    return tick.services().stream()
        .filter(s -> s.service().equals("web"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void percentilesComeFromTheMergedHistogramOfBothProxies() {
    LatencyHistogram fast = latency(990, 10).merge(latency(10, 1000));
    LatencyHistogram slow = latency(100, 1000);
    aggregator.onMetrics(
        "a", metrics(1000, 0, backend("w1", BackendState.READY, 1000, 0, 1, fast)), T0);
    aggregator.onMetrics(
        "b", metrics(1000, 0, backend("w2", BackendState.READY, 100, 0, 2, slow)), T0);

    ServiceState web = web(aggregator.tick(T0.plusMillis(100)));

    LatencyHistogram all = fast.merge(slow);
    assertThat(web.p99Millis()).isEqualTo(all.percentileMicros(99) / 1000.0);
    assertThat(web.p99Millis()).isCloseTo(1000, within(10.0));
    assertThat(web.p50Millis()).isCloseTo(10, within(0.1));
    // Averaging each proxy's p99 would have said about 505 ms.
    assertThat((fast.percentileMicros(99) + slow.percentileMicros(99)) / 2000.0)
        .isCloseTo(505, within(10.0));
    assertThat(web.inFlight()).isEqualTo(3);
    assertThat(web.readyReplicas()).isEqualTo(2);
    assertThat(web.stale()).isFalse();
  }

  @Test
  void ratesAddUpAcrossProxiesAndTheirOwnIntervalsAndRejectionsAreErrors() {
    aggregator.onMetrics(
        "a", metrics(1000, 0, backend("w1", BackendState.READY, 100, 5, 0, latency(100, 5))), T0);
    aggregator.onMetrics(
        "b", metrics(500, 5, backend("w1", BackendState.READY, 45, 0, 0, latency(45, 5))), T0);

    ServiceState web = web(aggregator.tick(T0.plusMillis(100)));

    assertThat(web.requestRate()).isCloseTo(200, within(1e-9));
    assertThat(web.errorRate()).isCloseTo(15.0 / 200, within(1e-9));
    // One backend seen by both proxies is one ready replica, with both proxies' traffic.
    assertThat(web.readyReplicas()).isEqualTo(1);
    assertThat(web.backends())
        .singleElement()
        .satisfies(
            b -> {
              assertThat(b.backendId()).isEqualTo("w1");
              assertThat(b.ageSeconds()).isEqualTo(60);
            });
  }

  @Test
  void aSilentProxyKeepsItsLastFiguresUntilStaleThenIsLeftOutAndLaterForgotten() {
    aggregator.onMetrics(
        "a", metrics(1000, 0, backend("w1", BackendState.READY, 100, 0, 0, latency(100, 5))), T0);
    assertThat(web(aggregator.tick(T0.plusSeconds(1))).requestRate()).isEqualTo(100);
    // No message this second: the last interval stands, no dip to zero.
    Tick quiet = aggregator.tick(T0.plusSeconds(2));
    assertThat(web(quiet).requestRate()).isEqualTo(100);
    assertThat(quiet.proxies()).singleElement().satisfies(p -> assertThat(p.stale()).isFalse());

    Tick stale = aggregator.tick(T0.plusSeconds(6));
    assertThat(web(stale).stale()).isTrue();
    assertThat(web(stale).requestRate()).isZero();
    assertThat(stale.proxies()).singleElement().satisfies(p -> assertThat(p.stale()).isTrue());
    assertThat(stale.points()).noneMatch(p -> p.resolution() == Keys.Resolution.SECOND);

    Tick forgotten = aggregator.tick(T0.plusSeconds(61));
    assertThat(forgotten.services()).isEmpty();
    assertThat(forgotten.proxies()).isEmpty();
  }

  @Test
  void everyTickGivesASecondPointAndAMinuteEndGivesAMinutePointOfAllItsTraffic() {
    Instant t = Instant.parse("2026-11-25T12:00:57.100Z");
    List<SeriesPoint> points = new java.util.ArrayList<>();
    for (int i = 0; i < 5; i++) {
      aggregator.onMetrics(
          "a",
          metrics(1000, 0, backend("w1", BackendState.READY, 120, 12, 0, latency(120, 2 + i))),
          t.plusSeconds(i));
      points.addAll(aggregator.tick(t.plusSeconds(i)).points());
    }
    List<SeriesPoint> seconds =
        points.stream().filter(p -> p.resolution() == Keys.Resolution.SECOND).toList();
    assertThat(seconds).hasSize(5);
    assertThat(seconds.getFirst().point().time())
        .isEqualTo(Instant.parse("2026-11-25T12:00:57Z").toEpochMilli());
    assertThat(seconds.getFirst().point().requestRate()).isEqualTo(120);

    // The tick at 12:01:00.1 closes minute 12:00, which this aggregator covered from 12:00:57.1.
    List<SeriesPoint> minutes =
        points.stream().filter(p -> p.resolution() == Keys.Resolution.MINUTE).toList();
    assertThat(minutes)
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.service()).isEqualTo("web");
              assertThat(m.point().time())
                  .isEqualTo(Instant.parse("2026-11-25T12:00:00Z").toEpochMilli());
              assertThat(m.point().requestRate()).isCloseTo(360 / 2.9, within(1e-6));
              assertThat(m.point().errorRate()).isCloseTo(0.1, within(1e-9));
              assertThat(m.point().p99Millis()).isCloseTo(4, within(0.05));
            });
  }

  @Test
  void coldStartsAndScaleDecisionsAreCountedPerService() {
    aggregator.onMetrics(
        "a", metrics(1000, 0, backend("w1", BackendState.READY, 1, 0, 0, latency(1, 5))), T0);
    aggregator.onEvent(Envelope.of("a", "web", new ColdStart("w1", 2300, 4)), T0);
    aggregator.onEvent(Envelope.of("a", "web", new ColdStart("w1", 1800, 1)), T0);
    ServiceState web = web(aggregator.tick(T0.plusMillis(10)));
    assertThat(web.coldStarts()).isEqualTo(2);
    assertThat(web.lastColdStartMillis()).isEqualTo(1800);
  }

  static MetricsSnapshot services(String... names) {
    return new MetricsSnapshot(
        1000,
        java.util.Arrays.stream(names)
            .map(n -> new ServiceMetrics(n, 0, 0, 0, 0, null, List.of()))
            .toList());
  }

  @Test
  void newServiceNamesBeyondTheLimitAreIgnoredAndCountedAndTrackedOnesStay() {
    Aggregator bounded = new Aggregator(Duration.ofSeconds(5), Duration.ofMinutes(1), 64, 3);
    bounded.onMetrics("a", services("web", "api"), T0);
    bounded.tick(T0.plusMillis(100));
    // A forged snapshot naming many services: one more fits, the rest are ignored.
    String[] forged = new String[1000];
    for (int i = 0; i < forged.length; i++) {
      forged[i] = "forged-" + i;
    }
    bounded.onMetrics("b", services(forged), T0.plusMillis(200));
    for (int i = 0; i < 1000; i++) {
      bounded.onEvent(Envelope.of("b", "cold-" + i, new ColdStart("x", 1, 0)), T0.plusMillis(300));
    }
    bounded.onMetrics("a", services("web", "api"), T0.plusMillis(1100));
    Tick tick = bounded.tick(T0.plusMillis(1200));
    assertThat(tick.services())
        .extracting(ServiceState::service)
        .containsExactly("api", "forged-0", "web");
    assertThat(bounded.ledgers()).hasSize(3);
    AggregatorBounds bounds = bounded.bounds();
    assertThat(bounds.services()).isEqualTo(3);
    assertThat(bounds.maxServices()).isEqualTo(3);
    assertThat(bounds.servicesRefused()).isEqualTo(999 + 1000);
  }

  @Test
  void servicesNothingIsHeardOfAreForgottenWithTheirLedgerWhichMakesRoom() {
    Aggregator bounded = new Aggregator(Duration.ofSeconds(5), Duration.ofMinutes(1), 64, 2);
    bounded.onEvent(Envelope.of("a", "ghost-1", new ColdStart("x", 1, 0)), T0);
    bounded.onEvent(Envelope.of("a", "ghost-2", new ColdStart("x", 1, 0)), T0);
    bounded.onEvent(Envelope.of("a", "real", new ColdStart("x", 1, 0)), T0);
    assertThat(bounded.ledgers().keySet()).containsExactlyInAnyOrder("ghost-1", "ghost-2");

    bounded.tick(T0.plusSeconds(30));
    assertThat(bounded.ledgers()).hasSize(2);
    bounded.tick(T0.plusSeconds(61));
    assertThat(bounded.ledgers()).isEmpty();
    assertThat(bounded.bounds().servicesForgotten()).isEqualTo(2);

    bounded.onEvent(Envelope.of("a", "real", new ColdStart("x", 1500, 1)), T0.plusSeconds(62));
    assertThat(bounded.ledgers()).containsOnlyKeys("real");
  }

  @Test
  void eventsOtherThanColdStartsAndDecisionsDoNotMakeAServiceTracked() {
    aggregator.onEvent(
        Envelope.of(
            "a",
            "invented",
            new io.prescal.common.event.CommandRejected("id", "command.scale", "unsigned")),
        T0);
    assertThat(aggregator.bounds().services()).isZero();
  }

  @Test
  void newProxyNamesBeyondTheLimitAreIgnoredAndCounted() {
    Aggregator bounded = new Aggregator(Duration.ofSeconds(5), Duration.ofMinutes(1), 2, 256);
    for (int i = 0; i < 10; i++) {
      bounded.onMetrics("proxy-" + i, services("web"), T0);
    }
    for (int i = 0; i < 10; i++) {
      bounded.onEvent(Envelope.of("event-only-" + i, "web", new ColdStart("x", 1, 0)), T0);
    }
    Tick tick = bounded.tick(T0.plusMillis(100));
    assertThat(tick.proxies()).extracting(p -> p.source()).containsExactly("proxy-0", "proxy-1");
    assertThat(bounded.bounds().proxiesRefused()).isEqualTo(18);
    // Forgotten after forget-after: room for new ones.
    bounded.tick(T0.plusSeconds(61));
    bounded.onMetrics("proxy-new", services("web"), T0.plusSeconds(62));
    assertThat(bounded.tick(T0.plusSeconds(62)).proxies())
        .extracting(p -> p.source())
        .containsExactly("proxy-new");
  }

  @Test
  void snapshotsArrivingWithinOneTickAddUpAsTheyArrive() {
    for (int i = 0; i < 3; i++) {
      aggregator.onMetrics(
          "a",
          metrics(1000, 0, backend("w1", BackendState.READY, 100, 0, 0, latency(100, 5))),
          T0.plusMillis(i));
    }
    ServiceState web = web(aggregator.tick(T0.plusMillis(100)));
    assertThat(web.requestRate()).isCloseTo(100, within(1e-9));
    // A proxy whose next snapshot names no service: its services are gone, not kept.
    aggregator.onMetrics("a", new MetricsSnapshot(1000, List.of()), T0.plusSeconds(1));
    assertThat(aggregator.tick(T0.plusMillis(1100)).services()).isEmpty();
  }
}
