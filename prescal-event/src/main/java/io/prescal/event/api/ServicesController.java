package io.prescal.event.api;

import io.prescal.common.event.ServiceState;
import io.prescal.common.history.HistoryPoint;
import io.prescal.event.aggregate.Aggregator;
import io.prescal.event.aggregate.ServiceLedger;
import io.prescal.event.state.LatestState;
import io.prescal.event.store.HistoryStore;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/services}, one service, and its history. */
@RestController
@RequestMapping("/api/services")
class ServicesController {

  private final LatestState latest;
  private final Aggregator aggregator;
  private final HistoryStore history;
  private final Clock clock;

  ServicesController(LatestState latest, Aggregator aggregator, HistoryStore history, Clock clock) {
    this.latest = latest;
    this.aggregator = aggregator;
    this.history = history;
    this.clock = clock;
  }

  @GetMapping
  List<ServiceResponse> services() {
    Map<String, ServiceLedger> ledgers = aggregator.ledgers();
    return latest.get().services().stream().map(s -> response(s, ledgers)).toList();
  }

  @GetMapping("/{name}")
  ServiceResponse service(@PathVariable String name) {
    return latest.get().services().stream()
        .filter(s -> s.service().equals(name))
        .findFirst()
        .map(s -> response(s, aggregator.ledgers()))
        .orElseThrow(() -> unknown(name));
  }

  @GetMapping("/{name}/history")
  HistoryResponse history(
      @PathVariable String name,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String step) {
    HistoryQuery query = HistoryQuery.parse(from, to, step, clock.instant(), history::retention);
    boolean live = latest.get().services().stream().anyMatch(s -> s.service().equals(name));
    if (!live && !history.services().contains(name)) {
      throw unknown(name);
    }
    List<HistoryPoint> points = history.read(name, query.resolution(), query.from(), query.to());
    return new HistoryResponse(
        name,
        query.resolution().suffix(),
        query.stepMillis(),
        query.from(),
        query.to(),
        Downsampling.apply(points, query.stepMillis(), query.resolution().millis()));
  }

  private static ServiceResponse response(ServiceState state, Map<String, ServiceLedger> ledgers) {
    ServiceLedger ledger = ledgers.get(state.service());
    return new ServiceResponse(
        state,
        ledger == null ? 0 : ledger.scaleDecisions(),
        ledger == null ? null : ledger.lastDecision());
  }

  private static ApiError unknown(String name) {
    return ApiError.notFound(
        "service: \"" + name + "\" (expected: one of GET /api/services, or one with history)");
  }

  /**
   * A history answer.
   *
   * @param service the service
   * @param resolution the series read: "1s" or "1m"
   * @param stepMillis the width of each point
   * @param from start, epoch ms
   * @param to end, epoch ms
   * @param points the points, oldest first
   */
  record HistoryResponse(
      String service,
      String resolution,
      long stepMillis,
      long from,
      long to,
      List<HistoryPoint> points) {}
}
