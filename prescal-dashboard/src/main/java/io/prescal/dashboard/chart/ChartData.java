package io.prescal.dashboard.chart;

import io.prescal.common.history.HistoryPoint;
import java.util.ArrayList;
import java.util.List;

/**
 * What a chart shows: columns as uPlot wants them (first the times in epoch seconds, then one
 * column per series) and the markers.
 */
public record ChartData(List<double[]> columns, List<ChartMarker> markers) {

  public ChartData {
    columns = List.copyOf(columns);
    markers = List.copyOf(markers);
  }

  /** The columns of {@code kind} over {@code points} (oldest first) with {@code markers}. */
  public static ChartData of(ChartKind kind, List<HistoryPoint> points, List<ChartMarker> markers) {
    int n = points.size();
    int width = kind.series().size();
    List<double[]> columns = new ArrayList<>(width + 1);
    for (int c = 0; c <= width; c++) {
      columns.add(new double[n]);
    }
    for (int i = 0; i < n; i++) {
      HistoryPoint p = points.get(i);
      columns.get(0)[i] = p.time() / 1000.0;
      double[] values = kind.values(p);
      for (int c = 0; c < width; c++) {
        columns.get(c + 1)[i] = values[c];
      }
    }
    return new ChartData(columns, markers);
  }

  /** This data with one more marker. */
  public ChartData withMarker(ChartMarker marker) {
    List<ChartMarker> more = new ArrayList<>(markers);
    more.add(marker);
    return new ChartData(columns, more);
  }
}
