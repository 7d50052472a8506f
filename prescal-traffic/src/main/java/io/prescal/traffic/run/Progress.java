package io.prescal.traffic.run;

import static io.prescal.traffic.plan.DurationText.format;

import io.prescal.traffic.report.TimelinePoint;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Live progress once a second on standard error: a bar redrawn in place on a terminal, plain lines
 * otherwise (logs, CI), so output piped to a file stays readable.
 */
public final class Progress {

  private static final int BAR = 24;
  private final PrintWriter err;
  private final boolean terminal;
  private final boolean quiet;
  private boolean barShown;

  /**
   * @param err where to write
   * @param terminal whether {@code err} is a terminal (bar) or not (lines)
   * @param quiet whether to write nothing
   */
  public Progress(PrintWriter err, boolean terminal, boolean quiet) {
    this.err = err;
    this.terminal = terminal;
    this.quiet = quiet;
  }

  /** Whether standard error looks like a terminal. */
  public static boolean stderrIsTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    try {
      // Console.isTerminal() exists from JDK 22; before, a console means a terminal.
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  void warmup(double secondsLeft, long requests) {
    line(
        String.format(
            Locale.ROOT, "warm-up: %.0fs left, %d requests (not measured)", secondsLeft, requests),
        -1);
  }

  void second(TimelinePoint p, long errorsSoFar, double fraction) {
    String text =
        String.format(
            Locale.ROOT,
            "%4ds  %9.1f req/s%s  p50 %-8s p99 %-8s errors %-6d in-flight %-5d conns %d",
            p.second(),
            p.rate(),
            p.plannedRate() > 0 ? String.format(Locale.ROOT, " (plan %.0f)", p.plannedRate()) : "",
            format(p.latency().p50()),
            format(p.latency().p99()),
            errorsSoFar,
            p.inFlight(),
            p.connections());
    line(text, fraction);
  }

  void event(String summary) {
    if (quiet) {
      return;
    }
    clearBar();
    err.println("event: " + summary);
    err.flush();
  }

  void done() {
    clearBar();
  }

  private void line(String text, double fraction) {
    if (quiet) {
      return;
    }
    if (!terminal) {
      err.println(text);
    } else {
      String bar = "";
      if (fraction >= 0) {
        int filled = (int) Math.round(Math.min(1, fraction) * BAR);
        bar =
            "["
                + "=".repeat(filled)
                + " ".repeat(BAR - filled)
                + "] "
                + String.format(Locale.ROOT, "%3.0f%% ", 100 * Math.min(1, fraction));
      }
      err.print("\r" + bar + text + "\u001b[K");
      barShown = true;
    }
    err.flush();
  }

  private void clearBar() {
    if (barShown) {
      err.print("\r\u001b[K");
      barShown = false;
    }
  }
}
