package io.prescal.traffic.report;

import static io.prescal.traffic.plan.DurationText.format;

import io.prescal.traffic.events.EventMark;
import io.prescal.traffic.events.Phase;
import io.prescal.traffic.events.StepResponse;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The final report for people, on standard output. */
public final class TextReport {

  private TextReport() {}

  /** Writes {@code r} to {@code out}. */
  public static void write(RunResult r, PrintWriter out) {
    out.printf(
        Locale.ROOT,
        "%s model, %s, %d thread(s) (%s), %d connection(s)%s%s, %s%n",
        r.model(),
        r.protocol(),
        r.threads(),
        r.transport(),
        r.connections(),
        r.model().equals("open") ? " (max " + r.maxConnections() + ")" : "",
        r.streams() > 1 ? " x " + r.streams() + " streams" : "",
        String.join(" ", r.targets()));
    out.printf(
        Locale.ROOT,
        "  %d requests in %.2fs, %d responses, %.1f req/s, %.2f MB read%n",
        r.requests(),
        r.seconds(),
        r.completed(),
        r.rate(),
        r.bytesRead() / 1e6);
    latency(
        out,
        r.model().equals("open") ? "Latency (from intended send time)" : "Latency",
        r.latency());
    if (r.model().equals("open")) {
      latency(out, "Latency uncorrected (from actual send, for comparison)", r.uncorrected());
    }
    out.println(
        "  Status codes: "
            + (r.statuses().isEmpty()
                ? "none"
                : r.statuses().entrySet().stream()
                    .map(e -> e.getKey() + ": " + e.getValue())
                    .collect(Collectors.joining(", "))));
    out.printf(
        Locale.ROOT,
        "  Errors: %d (%.2f%%): %s%n",
        r.errorCount(),
        100 * r.errorRate(),
        r.errors().entrySet().stream()
            .map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", ")));
    connections(out, r);
    if (r.schedule() != null) {
      ScheduleCheck s = r.schedule();
      out.printf(
          Locale.ROOT,
          "  Schedule: planned %d, sent %d, late %d, unsent %d; lag p50 %s p99 %s max %s%n  %s%n",
          s.planned(),
          s.sent(),
          s.late(),
          s.unsent(),
          format(s.lag().p50()),
          format(s.lag().p99()),
          format(s.lag().max()),
          s.verdict());
    }
    backends(out, r.backends());
    events(out, r);
    if (r.slo() != null) {
      out.println("  SLO \"" + r.slo().slo() + "\": " + (r.slo().met() ? "met" : "BREACHED"));
      r.slo()
          .checks()
          .forEach(
              c ->
                  out.printf(
                      "    %-4s %s: %s%n", c.ok() ? "ok" : "FAIL", c.condition(), c.actual()));
    }
    out.flush();
  }

  private static void connections(PrintWriter out, RunResult r) {
    ConnectSummary c = r.connect();
    if (c == null) {
      return;
    }
    if (c.opened() > 0) {
      out.printf(
          Locale.ROOT,
          "  Connections: %d opened; connect p50 %s  p99 %s  max %s%s%n",
          c.opened(),
          format(c.time().p50()),
          format(c.time().p99()),
          format(c.time().max()),
          c.handshake() == null
              ? ""
              : String.format(
                  Locale.ROOT,
                  "; TLS handshake p50 %s  p99 %s  max %s",
                  format(c.handshake().p50()),
                  format(c.handshake().p99()),
                  format(c.handshake().max())));
    }
    if (c.tls() != null) {
      out.println("  TLS: " + c.tls());
    }
    if (c.firstError() != null && r.errors().getOrDefault("connect", 0L) > 0) {
      out.println("  First connect error: " + c.firstError());
    }
  }

  private static void latency(PrintWriter out, String title, Latency l) {
    out.printf(
        Locale.ROOT,
        "  %s:%n    p50 %s  p90 %s  p99 %s  p99.9 %s  p99.99 %s  max %s  mean %s%n",
        title,
        format(l.p50()),
        format(l.p90()),
        format(l.p99()),
        format(l.p999()),
        format(l.p9999()),
        format(l.max()),
        format((long) l.mean()));
  }

  private static void backends(PrintWriter out, Map<String, RunResult.BackendSummary> backends) {
    if (backends.isEmpty()) {
      return;
    }
    out.println("  Per backend:");
    backends.forEach(
        (name, b) ->
            out.printf(
                Locale.ROOT,
                "    %-24s %8d responses  %5d errors  p50 %s  p99 %s%n",
                name,
                b.requests(),
                b.errors(),
                format(b.latency().p50()),
                format(b.latency().p99())));
  }

  private static void events(PrintWriter out, RunResult r) {
    if (!r.events().isEmpty()) {
      out.println("  Events:");
      for (EventMark m : r.events()) {
        out.printf(Locale.ROOT, "    %+8.1fs  %s%n", m.second(), m.summary());
      }
    }
    for (Phase p : r.phases()) {
      out.printf(
          Locale.ROOT,
          "    %-6s %6.1fs-%6.1fs  %8.1f req/s  p50 %s  p99 %s  errors %d   [%s]%n",
          p.name(),
          p.fromSecond(),
          p.toSecond(),
          p.rate(),
          format(p.latency().p50()),
          format(p.latency().p99()),
          p.errors(),
          p.event());
    }
    for (StepResponse s : r.steps()) {
      out.println("  " + s.sentence());
    }
  }
}
