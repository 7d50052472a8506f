package io.prescal.traffic.report;

import static io.prescal.traffic.plan.DurationText.format;

import io.prescal.traffic.events.EventMark;
import io.prescal.traffic.events.Phase;
import io.prescal.traffic.events.StepResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The {@code --report} page: one self-contained HTML file (no script, no fetch: its own Content
 * Security Policy forbids both) with the verdict first, the figures, charts over time of rate,
 * latency percentiles and errors with Prescal's events as markers, and the per-second numbers in a
 * table. The markup is also well-formed XML, so it can be read back by any XML parser.
 */
public final class HtmlReport {

  private static final String STYLE =
      """
      body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1000px;color:#222}
      h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 6px}
      .run{color:#555;margin:0 0 12px;word-break:break-all}
      table{border-collapse:collapse;margin:4px 0}td,th{padding:2px 10px;text-align:left}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
      tr:nth-child(even) td{background:#f6f6f6}
      .verdict{padding:10px 14px;border-radius:6px;margin:12px 0;font-weight:600}
      .met{background:#e3f4e3;border:1px solid #7c7}.breached{background:#fbe3e3;border:1px solid #d77}
      .none{background:#eef;border:1px solid #aac}.invalid{background:#fff1d6;border:1px solid #db4}
      .verdict table{font-weight:400}
      svg.chart{width:100%;height:auto;display:block}
      .grid line{stroke:#e4e4e4}.grid text{font-size:11px;fill:#666}
      .grid text.y{text-anchor:end;dominant-baseline:middle}.grid text.x{text-anchor:middle}
      polyline.series{fill:none;stroke-width:1.6}
      .s0{stroke:#1f77b4;fill:#1f77b4}.s1{stroke:#ff7f0e;fill:#ff7f0e}.s2{stroke:#d62728;fill:#d62728}
      polyline.s0,polyline.s1,polyline.s2{fill:none}
      g.series rect{fill:#d62728;stroke:none}
      line.event{stroke:#7b3fa0;stroke-width:1.5;stroke-dasharray:4 3}
      .legend span{margin-right:14px}.legend i{display:inline-block;width:14px;height:3px;
      vertical-align:middle;margin-right:4px}
      .legend .s0{background:#1f77b4}.legend .s1{background:#ff7f0e}.legend .s2{background:#d62728}
      .legend .ev{background:#7b3fa0}
      details{margin-top:20px}footer{margin-top:24px;color:#777;font-size:12px}
      """;

  private HtmlReport() {}

  /** Writes the page of {@code r} to {@code file}. */
  public static void write(RunResult r, Path file) throws IOException {
    Files.writeString(file, html(r), StandardCharsets.UTF_8);
  }

  /** The page of {@code r}. */
  public static String html(RunResult r) {
    StringBuilder out = new StringBuilder(32 * 1024);
    out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n")
        .append("<head>\n<meta charset=\"utf-8\"/>\n")
        .append("<meta http-equiv=\"Content-Security-Policy\"")
        .append(" content=\"default-src 'none'; style-src 'unsafe-inline'\"/>\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
        .append("<title>prescal-traffic: ")
        .append(Html.text(String.join(" ", r.targets())))
        .append("</title>\n<style>\n")
        .append(STYLE)
        .append("</style>\n</head>\n<body>\n<h1>prescal-traffic load report</h1>\n");
    out.append("<p class=\"run\">").append(Html.text(headline(r))).append("</p>\n");
    verdict(out, r);
    summary(out, r);
    charts(out, r);
    events(out, r);
    timeline(out, r);
    out.append("<footer>Written by prescal-traffic")
        .append(
            r.timeline().isEmpty()
                ? ""
                : "; run started "
                    + Instant.ofEpochMilli(
                        r.timeline().getFirst().epochMillis()
                            - (long) (r.timeline().getFirst().second() * 1000)))
        .append(". Latencies from the intended send time")
        .append(r.model().equals("open") ? " (open model)" : "")
        .append(".</footer>\n</body>\n</html>\n");
    return out.toString();
  }

  private static String headline(RunResult r) {
    return String.format(
        Locale.ROOT,
        "%s model, %s, %d thread(s) (%s), %d connection(s)%s%s, %s",
        r.model(),
        r.protocol(),
        r.threads(),
        r.transport(),
        r.connections(),
        r.model().equals("open") ? " (max " + r.maxConnections() + ")" : "",
        r.streams() > 1 ? " x " + r.streams() + " streams" : "",
        String.join(" ", r.targets()));
  }

  private static void verdict(StringBuilder out, RunResult r) {
    if (r.schedule() != null && !r.schedule().valid()) {
      out.append("<div class=\"verdict invalid\" id=\"validity\">")
          .append(Html.text(r.schedule().verdict()))
          .append("</div>\n");
    }
    if (r.slo() == null) {
      out.append("<div class=\"verdict none\" id=\"slo\" data-met=\"none\">No objective (")
          .append("--slo) was given.</div>\n");
      return;
    }
    SloResult slo = r.slo();
    out.append("<div class=\"verdict ")
        .append(slo.met() ? "met" : "breached")
        .append("\" id=\"slo\" data-met=\"")
        .append(slo.met())
        .append("\">SLO \"")
        .append(Html.text(slo.slo()))
        .append("\": ")
        .append(slo.met() ? "met" : "BREACHED")
        .append("\n<table>\n");
    for (SloResult.Check c : slo.checks()) {
      out.append("<tr><td>")
          .append(c.ok() ? "ok" : "FAIL")
          .append("</td><td>")
          .append(Html.text(c.condition()))
          .append("</td><td class=\"n\">")
          .append(Html.text(c.actual()))
          .append("</td></tr>\n");
    }
    out.append("</table></div>\n");
  }

  private static void summary(StringBuilder out, RunResult r) {
    out.append("<h2>Summary</h2>\n<table id=\"summary\">\n");
    row(out, "requests", Long.toString(r.requests()));
    row(out, "responses", Long.toString(r.completed()));
    row(out, "measured", String.format(Locale.ROOT, "%.2fs", r.seconds()));
    row(out, "rate", String.format(Locale.ROOT, "%.1f req/s", r.rate()));
    row(
        out,
        "errors",
        String.format(Locale.ROOT, "%d (%.2f%%)", r.errorCount(), 100 * r.errorRate()));
    StringBuilder classes = new StringBuilder();
    r.errors().forEach((k, v) -> classes.append(classes.isEmpty() ? "" : ", ").append(k + " " + v));
    row(out, "errors by class", classes.toString());
    StringBuilder statuses = new StringBuilder();
    r.statuses()
        .forEach((k, v) -> statuses.append(statuses.isEmpty() ? "" : ", ").append(k + ": " + v));
    row(out, "status codes", statuses.isEmpty() ? "none" : statuses.toString());
    row(out, "latency", latency(r.latency()));
    if (r.model().equals("open")) {
      row(out, "latency uncorrected", latency(r.uncorrected()));
    }
    if (r.schedule() != null) {
      ScheduleCheck s = r.schedule();
      row(
          out,
          "schedule",
          String.format(
              Locale.ROOT,
              "planned %d, sent %d, late %d, unsent %d; %s",
              s.planned(),
              s.sent(),
              s.late(),
              s.unsent(),
              s.verdict()));
    }
    for (Map.Entry<String, RunResult.BackendSummary> b : r.backends().entrySet()) {
      row(
          out,
          "backend " + b.getKey(),
          String.format(
              Locale.ROOT,
              "%d responses, %d errors, p50 %s, p99 %s",
              b.getValue().requests(),
              b.getValue().errors(),
              format(b.getValue().latency().p50()),
              format(b.getValue().latency().p99())));
    }
    out.append("</table>\n");
  }

  private static String latency(Latency l) {
    return String.format(
        Locale.ROOT,
        "p50 %s, p90 %s, p99 %s, p99.9 %s, max %s, mean %s",
        format(l.p50()),
        format(l.p90()),
        format(l.p99()),
        format(l.p999()),
        format(l.max()),
        format((long) l.mean()));
  }

  private static void row(StringBuilder out, String name, String value) {
    out.append("<tr><th>")
        .append(Html.text(name))
        .append("</th><td>")
        .append(Html.text(value))
        .append("</td></tr>\n");
  }

  private static void charts(StringBuilder out, RunResult r) {
    List<TimelinePoint> t = r.timeline();
    double[] seconds = series(t, TimelinePoint::second);
    List<EventMark> marks = r.events();
    boolean open = r.model().equals("open");
    List<SvgChart.Series> rate =
        open
            ? List.of(
                new SvgChart.Series("responses/s", series(t, TimelinePoint::rate)),
                new SvgChart.Series("planned/s", series(t, TimelinePoint::plannedRate)))
            : List.of(new SvgChart.Series("responses/s", series(t, TimelinePoint::rate)));
    chart(
        out,
        new SvgChart(
            "rate",
            "Rate",
            seconds,
            rate,
            false,
            v -> String.format(Locale.ROOT, "%.0f/s", v),
            marks));
    chart(
        out,
        new SvgChart(
            "latency",
            "Latency percentiles per second",
            seconds,
            List.of(
                new SvgChart.Series("p50", series(t, p -> p.latency().p50())),
                new SvgChart.Series("p90", series(t, p -> p.latency().p90())),
                new SvgChart.Series("p99", series(t, p -> p.latency().p99()))),
            false,
            v -> format((long) v),
            marks));
    chart(
        out,
        new SvgChart(
            "errors",
            "Errors per second",
            seconds,
            List.of(new SvgChart.Series("errors", series(t, TimelinePoint::errors))),
            true,
            v -> String.format(Locale.ROOT, "%.0f", v),
            marks));
  }

  private static void chart(StringBuilder out, SvgChart chart) {
    out.append("<h2>").append(Html.text(chart.title())).append("</h2>\n<div class=\"legend\">");
    for (int i = 0; i < chart.series().size(); i++) {
      out.append("<span><i class=\"s")
          .append(i)
          .append("\"></i>")
          .append(Html.text(chart.series().get(i).name()))
          .append("</span>");
    }
    if (!chart.marks().isEmpty()) {
      out.append("<span><i class=\"ev\"></i>Prescal event</span>");
    }
    out.append("</div>\n").append(chart.svg());
  }

  private static double[] series(List<TimelinePoint> t, ToDoubleFunction<TimelinePoint> f) {
    return t.stream().mapToDouble(f).toArray();
  }

  private static void events(StringBuilder out, RunResult r) {
    if (r.events().isEmpty()) {
      return;
    }
    out.append("<h2>Prescal events</h2>\n<table id=\"events\">\n")
        .append("<tr><th class=\"n\">second</th><th>service</th><th>event</th></tr>\n");
    for (EventMark m : r.events()) {
      out.append("<tr><td class=\"n\">")
          .append(String.format(Locale.ROOT, "%+.1f", m.second()))
          .append("</td><td>")
          .append(Html.text(m.service()))
          .append("</td><td>")
          .append(Html.text(m.summary()))
          .append("</td></tr>\n");
    }
    out.append("</table>\n");
    if (!r.phases().isEmpty()) {
      out.append("<table id=\"phases\">\n<tr><th>phase</th><th class=\"n\">from</th>")
          .append("<th class=\"n\">to</th><th class=\"n\">rate</th><th class=\"n\">p50</th>")
          .append("<th class=\"n\">p99</th><th class=\"n\">errors</th><th>around</th></tr>\n");
      for (Phase p : r.phases()) {
        out.append("<tr><td>")
            .append(Html.text(p.name()))
            .append(
                String.format(
                    Locale.ROOT,
                    "</td><td class=\"n\">%.1fs</td><td class=\"n\">%.1fs</td>"
                        + "<td class=\"n\">%.1f/s</td><td class=\"n\">%s</td>"
                        + "<td class=\"n\">%s</td><td class=\"n\">%d</td><td>",
                    p.fromSecond(),
                    p.toSecond(),
                    p.rate(),
                    format(p.latency().p50()),
                    format(p.latency().p99()),
                    p.errors()))
            .append(Html.text(p.event()))
            .append("</td></tr>\n");
      }
      out.append("</table>\n");
    }
    for (StepResponse s : r.steps()) {
      out.append("<p class=\"step\">").append(Html.text(s.sentence())).append("</p>\n");
    }
  }

  private static void timeline(StringBuilder out, RunResult r) {
    out.append(
            "<details id=\"data\"><summary>Per-second figures</summary>\n<table id=\"timeline\">\n")
        .append("<tr><th class=\"n\">second</th><th class=\"n\">planned/s</th>")
        .append("<th class=\"n\">sent</th><th class=\"n\">completed</th>")
        .append("<th class=\"n\">rate</th><th class=\"n\">errors</th><th class=\"n\">p50</th>")
        .append("<th class=\"n\">p90</th><th class=\"n\">p99</th><th class=\"n\">max</th>")
        .append("<th class=\"n\">in flight</th><th class=\"n\">connections</th>")
        .append("<th>events</th></tr>\n");
    for (TimelinePoint p : r.timeline()) {
      out.append(
              String.format(
                  Locale.ROOT,
                  "<tr><td class=\"n\">%d</td><td class=\"n\">%.1f</td><td class=\"n\">%d</td>"
                      + "<td class=\"n\">%d</td><td class=\"n\">%.1f</td><td class=\"n\">%d</td>"
                      + "<td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td>"
                      + "<td class=\"n\">%d</td><td class=\"n\">%d</td><td class=\"n\">%d</td><td>",
                  p.second(),
                  p.plannedRate(),
                  p.sent(),
                  p.completed(),
                  p.rate(),
                  p.errors(),
                  p.latency().p50(),
                  p.latency().p90(),
                  p.latency().p99(),
                  p.latency().max(),
                  p.inFlight(),
                  p.connections()))
          .append(Html.text(String.join("; ", p.events())))
          .append("</td></tr>\n");
    }
    out.append("</table>\n<p>Latencies in microseconds.</p></details>\n");
  }
}
