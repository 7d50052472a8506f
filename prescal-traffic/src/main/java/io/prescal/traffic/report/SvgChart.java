package io.prescal.traffic.report;

import io.prescal.traffic.events.EventMark;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * One chart of the HTML report as inline SVG: values per second as lines (or bars), a y axis from
 * zero, a time axis in seconds since measurement started, and Prescal's events as vertical markers
 * whose tooltip says what happened. Each series carries its values in {@code data-values} beside
 * the drawn {@code points}, so a script (or a test) reads the numbers, not the pixels.
 *
 * @param id the element id, e.g. "rate"
 * @param title the heading above the chart
 * @param seconds the x value of each point (seconds since measurement started)
 * @param series what is drawn; all share the y axis
 * @param bars whether the (first) series is drawn as bars instead of a line
 * @param yLabel how a y value is written on the axis
 * @param marks events to mark
 */
record SvgChart(
    String id,
    String title,
    double[] seconds,
    List<Series> series,
    boolean bars,
    DoubleFunction<String> yLabel,
    List<EventMark> marks) {

  /**
   * One line of a chart.
   *
   * @param name its name in the legend and in {@code data-series}
   * @param values one per point, as {@link SvgChart#seconds}
   */
  record Series(String name, double[] values) {}

  private static final int WIDTH = 960;
  private static final int HEIGHT = 240;
  private static final int LEFT = 72;
  private static final int RIGHT = 16;
  private static final int TOP = 12;
  private static final int BOTTOM = 28;

  /** The chart as an {@code <svg>} element. */
  String svg() {
    double xMax = seconds.length == 0 ? 1 : Math.max(1, seconds[seconds.length - 1]);
    double top = 0;
    for (Series s : series) {
      for (double v : s.values()) {
        top = Math.max(top, v);
      }
    }
    // Four grid steps of a round size: 0, 5, 10, 15, 20 rather than 0, 13, 25, 38, 50.
    double yMax = 4 * niceCeiling(top / 4);
    StringBuilder out = new StringBuilder(4096);
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" id=\"chart-")
        .append(id)
        .append("\" viewBox=\"0 0 ")
        .append(WIDTH)
        .append(' ')
        .append(HEIGHT)
        .append("\" role=\"img\" aria-label=\"")
        .append(Html.text(title))
        .append("\">\n");
    grid(out, xMax, yMax);
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      if (bars && i == 0) {
        bars(out, s, i, xMax, yMax);
      } else {
        line(out, s, i, xMax, yMax);
      }
    }
    markers(out, xMax);
    out.append("</svg>\n");
    return out.toString();
  }

  private void grid(StringBuilder out, double xMax, double yMax) {
    out.append("<g class=\"grid\">\n");
    for (int i = 0; i <= 4; i++) {
      double v = yMax * i / 4;
      String y = num(y(v, yMax));
      out.append("<line x1=\"")
          .append(LEFT)
          .append("\" x2=\"")
          .append(WIDTH - RIGHT)
          .append("\" y1=\"")
          .append(y)
          .append("\" y2=\"")
          .append(y)
          .append("\"/>")
          .append("<text class=\"y\" x=\"")
          .append(LEFT - 6)
          .append("\" y=\"")
          .append(y)
          .append("\">")
          .append(Html.text(yLabel.apply(v)))
          .append("</text>\n");
    }
    double step = Math.max(1, niceCeiling(xMax / 8));
    for (double s = 0; s <= xMax + 1e-9; s += step) {
      String x = num(x(s, xMax));
      out.append("<text class=\"x\" x=\"")
          .append(x)
          .append("\" y=\"")
          .append(HEIGHT - 8)
          .append("\">")
          .append(num(s))
          .append("s</text>\n");
    }
    out.append("</g>\n");
  }

  private void line(StringBuilder out, Series s, int index, double xMax, double yMax) {
    StringBuilder points = new StringBuilder(s.values().length * 12);
    for (int i = 0; i < s.values().length; i++) {
      points
          .append(num(x(seconds[i], xMax)))
          .append(',')
          .append(num(y(s.values()[i], yMax)))
          .append(' ');
    }
    out.append("<polyline class=\"series s")
        .append(index)
        .append("\" data-series=\"")
        .append(Html.text(s.name()))
        .append("\" data-values=\"")
        .append(values(s))
        .append("\" points=\"")
        .append(points.toString().strip())
        .append("\"/>\n");
    if (s.values().length == 1) {
      // One second alone draws no line: a dot shows it.
      out.append("<circle class=\"series s")
          .append(index)
          .append("\" r=\"3\" cx=\"")
          .append(num(x(seconds[0], xMax)))
          .append("\" cy=\"")
          .append(num(y(s.values()[0], yMax)))
          .append("\"/>\n");
    }
  }

  private void bars(StringBuilder out, Series s, int index, double xMax, double yMax) {
    double width = Math.max(1, (WIDTH - LEFT - RIGHT) / Math.max(1.0, xMax) * 0.8);
    out.append("<g class=\"series s")
        .append(index)
        .append("\" data-series=\"")
        .append(Html.text(s.name()))
        .append("\" data-values=\"")
        .append(values(s))
        .append("\">\n");
    for (int i = 0; i < s.values().length; i++) {
      double v = s.values()[i];
      if (v <= 0) {
        continue;
      }
      // A bar covers the second that ends at its point.
      double right = x(seconds[i], xMax);
      double y = y(v, yMax);
      out.append("<rect x=\"")
          .append(num(Math.max(LEFT, right - width)))
          .append("\" y=\"")
          .append(num(y))
          .append("\" width=\"")
          .append(num(Math.min(width, right - LEFT)))
          .append("\" height=\"")
          .append(num(y(0, yMax) - y))
          .append("\"><title>")
          .append(num(seconds[i]))
          .append("s: ")
          .append(Html.text(yLabel.apply(v)))
          .append("</title></rect>\n");
    }
    out.append("</g>\n");
  }

  private void markers(StringBuilder out, double xMax) {
    out.append("<g class=\"events\">\n");
    for (EventMark m : marks) {
      if (m.second() < 0 || m.second() > xMax) {
        continue; // during warm-up or after the end: listed in the table only
      }
      String x = num(x(m.second(), xMax));
      out.append("<line class=\"event\" data-second=\"")
          .append(num(m.second()))
          .append("\" x1=\"")
          .append(x)
          .append("\" x2=\"")
          .append(x)
          .append("\" y1=\"")
          .append(TOP)
          .append("\" y2=\"")
          .append(HEIGHT - BOTTOM)
          .append("\"><title>")
          .append(String.format(Locale.ROOT, "+%.1fs ", m.second()))
          .append(Html.text(m.summary()))
          .append("</title></line>\n");
    }
    out.append("</g>\n");
  }

  private String values(Series s) {
    StringBuilder out = new StringBuilder(s.values().length * 6);
    for (int i = 0; i < s.values().length; i++) {
      out.append(i == 0 ? "" : " ").append(num(s.values()[i]));
    }
    return out.toString();
  }

  private static double x(double second, double xMax) {
    return LEFT + (WIDTH - LEFT - RIGHT) * second / xMax;
  }

  private static double y(double value, double yMax) {
    return TOP + (HEIGHT - TOP - BOTTOM) * (1 - value / yMax);
  }

  /** The smallest 1, 2 or 5 times a power of ten at or above {@code v} (1 for 0). */
  static double niceCeiling(double v) {
    if (v <= 0) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(v)));
    for (double m : new double[] {1, 2, 5, 10}) {
      if (m * power >= v * (1 - 1e-12)) {
        return m * power;
      }
    }
    return 10 * power;
  }

  /** A number as SVG and data attributes take it: no exponent, at most two decimals. */
  static String num(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
