package io.prescal.dashboard.chart;

import com.vaadin.flow.component.AttachEvent;
import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasStyle;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.page.Page;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * A live time-series chart: uPlot in the browser, fed from the server. The whole series goes once
 * (on open and on range change) and then one point at a time, so a second's update is a few bytes.
 *
 * <p>uPlot comes from its WebJar as a page script rather than an npm package, so Vaadin keeps its
 * pre-compiled frontend bundle and the build needs no Node.js (see docs/dashboard.md).
 */
@Tag("div")
public class TimeChart extends Component implements HasSize, HasStyle {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final ChartKind kind;
  private Duration window;
  private ChartData pending;

  public TimeChart(ChartKind kind, Duration window) {
    this.kind = kind;
    this.window = window;
    addClassName("time-chart");
    getElement().setAttribute("data-chart", kind.name().toLowerCase(java.util.Locale.ROOT));
  }

  /** Loads uPlot and the wrapper into {@code page}; the UI loads each once. */
  static void loadScripts(Page page) {
    page.addStyleSheet(UPlot.stylesheet());
    page.addJavaScript(UPlot.script());
    page.addJavaScript("context://prescal/timechart.js");
  }

  @Override
  protected void onAttach(AttachEvent attachEvent) {
    super.onAttach(attachEvent);
    loadScripts(attachEvent.getUI().getPage());
    getElement().executeJs("window.prescalChart.init(this, JSON.parse($0))", spec());
    if (pending != null) {
      send(pending);
    }
  }

  /** Replaces everything shown: the series over {@code window} and the markers. */
  public void setData(ChartData data, Duration window) {
    this.window = window;
    this.pending = data;
    if (isAttached()) {
      send(data);
    }
  }

  /** Adds the newest point; older points slide out of the window. */
  public void append(long epochSeconds, double[] values) {
    if (!isAttached()) {
      return;
    }
    double[] row = new double[values.length + 1];
    row[0] = epochSeconds;
    System.arraycopy(values, 0, row, 1, values.length);
    getElement().executeJs("window.prescalChart.append(this, JSON.parse($0))", json(row));
  }

  /** Adds a marker on the time axis. */
  public void mark(ChartMarker marker) {
    if (pending != null) {
      pending = pending.withMarker(marker);
    }
    if (isAttached()) {
      getElement().executeJs("window.prescalChart.mark(this, JSON.parse($0))", json(marker));
    }
  }

  private void send(ChartData data) {
    getElement()
        .executeJs(
            "window.prescalChart.setData(this, JSON.parse($0), JSON.parse($1), $2)",
            json(data.columns()),
            json(data.markers()),
            (double) window.toSeconds());
  }

  private String spec() {
    return json(new Spec(kind.unit(), 150, window.toSeconds(), kind.series()));
  }

  private static String json(Object value) {
    return JSON.writeValueAsString(value);
  }

  /** What the browser needs to build the chart. */
  record Spec(String unit, int height, long windowSec, List<ChartKind.Series> series) {}
}
