package io.prescal.dashboard.overview;

import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import io.prescal.common.event.AutoscalerStatus;
import io.prescal.common.event.ServiceState;
import io.prescal.common.history.HistoryPoint;
import io.prescal.dashboard.chart.ChartData;
import io.prescal.dashboard.chart.ChartKind;
import io.prescal.dashboard.chart.ChartMarker;
import io.prescal.dashboard.chart.TimeChart;
import io.prescal.dashboard.ui.Badge;
import io.prescal.dashboard.ui.Badge.Tone;
import io.prescal.dashboard.ui.Figures;
import io.prescal.dashboard.ui.Tile;
import io.prescal.dashboard.ui.Tones;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One service at a glance: replicas, traffic, errors, latency and cold starts as figures, and the
 * same over time as charts with scale events marked.
 */
public final class ServiceCard extends Div {

  private final String service;
  private final Badge mode = new Badge("–", Tone.NEUTRAL);
  private final Badge staleBadge = new Badge("stale", Tone.WARN);
  private final Tile replicas;
  private final Tile requests;
  private final Tile errors;
  private final Tile latency;
  private final Tile coldStarts;
  private final Tile load;
  private final Map<ChartKind, TimeChart> charts = new EnumMap<>(ChartKind.class);
  private String starts;
  private ServiceState last;

  public ServiceCard(String service, Duration window) {
    this.service = service;
    addClassName("service-card");
    getElement().setAttribute("data-service", service);
    String id = "card-" + service.replaceAll("[^A-Za-z0-9_-]", "_");
    setId(id);
    replicas = new Tile("Replicas", id + "-replicas");
    requests = new Tile("Requests", id + "-rate");
    errors = new Tile("Errors", id + "-errors");
    latency = new Tile("Latency p99", id + "-latency");
    coldStarts = new Tile("Cold starts", id + "-cold");
    load = new Tile("In flight", id + "-load");
    add(header(), tiles(), charts(window));
  }

  private Div header() {
    Span name = new Span(service);
    name.addClassName("card-title");
    staleBadge.setVisible(false);
    // A plain link with router-link: navigates inside the app without needing the router here.
    Anchor details = new Anchor(href(service), "Backends & settings →");
    details.getElement().setAttribute("router-link", true);
    details.addClassName("card-link");
    Div header = new Div(name, mode, staleBadge, details);
    header.addClassName("card-header");
    return header;
  }

  private Div tiles() {
    Div tiles = new Div(replicas, requests, errors, latency, coldStarts, load);
    tiles.addClassName("tiles");
    return tiles;
  }

  private Div charts(Duration window) {
    Div row = new Div();
    row.addClassName("charts");
    for (ChartKind kind : ChartKind.values()) {
      TimeChart chart = new TimeChart(kind, window);
      charts.put(kind, chart);
      Span caption = new Span(kind.title());
      caption.addClassName("chart-caption");
      Div box = new Div(caption, chart);
      box.addClassName("chart-box");
      row.add(box);
    }
    return row;
  }

  /** The link to a service's own page, relative to the app. */
  static String href(String service) {
    return "service/" + URLEncoder.encode(service, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The service this card shows. */
  public String service() {
    return service;
  }

  /** Shows {@code state}, received at {@code epochSeconds}, in figures and on the charts. */
  public void update(ServiceState state, long epochSeconds) {
    AutoscalerStatus autoscaler = state.autoscaler();
    replicas.set(
        state.readyReplicas() + " / " + state.desiredReplicas(),
        "ready / desired"
            + (autoscaler == null
                ? " · not autoscaled"
                : " · min " + autoscaler.min() + " · max " + autoscaler.max()));
    last = state;
    requests.set(
        Figures.rate(state.requestRate()) + " req/s",
        Figures.count(state.backends().size(), "backend"));
    errors.set(
        Figures.percent(state.errorRate()),
        Figures.rate(state.requestRate() * state.errorRate()) + " failed/s");
    latency.set(
        Figures.latency(state.p99Millis(), state.requestRate()),
        Figures.hasTraffic(state.requestRate())
            ? "p50 " + Figures.millis(state.p50Millis())
            : "no traffic");
    showColdStarts();
    load.set(
        Integer.toString(state.inFlight()),
        state.queueLength() > 0 ? state.queueLength() + " held for a backend" : "none queued");
    if (autoscaler != null) {
      mode.set(
          autoscaler.mode().name().toLowerCase(java.util.Locale.ROOT), Tones.of(autoscaler.mode()));
    } else {
      mode.set("static", Tone.NEUTRAL);
    }
    errors.getElement().getClassList().set("tile-alarm", state.errorRate() >= 0.05);
    if (state.stale()) {
      staleBadge.setText("no proxy reports it");
    }
    staleBadge.setVisible(state.stale());
    charts.forEach((kind, chart) -> chart.append(epochSeconds, kind.values(state)));
  }

  private void showColdStarts() {
    if (last == null) {
      return;
    }
    String cold =
        last.coldStarts() == 0
            ? "none yet"
            : "last took " + Figures.millis(last.lastColdStartMillis());
    coldStarts.set(Long.toString(last.coldStarts()), starts == null ? cold : cold + " · " + starts);
  }

  /**
   * What backends of this service took to start lately ("starts 2.30 s – 5.00 s"), shown beside the
   * cold starts: most starts are scale-outs, which nobody waits for and are not cold starts.
   */
  public void startTimes(String text) {
    starts = text;
    showColdStarts();
  }

  /** Replaces the charts' history. */
  public void history(List<HistoryPoint> points, List<ChartMarker> markers, Duration window) {
    charts.forEach((kind, chart) -> chart.setData(ChartData.of(kind, points, markers), window));
  }

  /** Marks a scale event on every chart. */
  public void mark(ChartMarker marker) {
    charts.values().forEach(chart -> chart.mark(marker));
  }

  /** Greys the card out while its figures may be out of date. */
  public void setStale(boolean stale) {
    getElement().getClassList().set("stale", stale);
  }

  /** The figures, for tests: replicas, requests, errors, latency, cold starts, load. */
  List<Tile> tilesForTest() {
    return List.of(replicas, requests, errors, latency, coldStarts, load);
  }

  /** The mode badge's text, for tests. */
  String modeText() {
    return mode.getText();
  }
}
