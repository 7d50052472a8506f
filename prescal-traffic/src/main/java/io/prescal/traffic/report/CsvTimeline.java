package io.prescal.traffic.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** The {@code --csv} per-second timeline: one row a second, latencies in microseconds. */
public final class CsvTimeline {

  /** The header row. */
  public static final String HEADER =
      "second,epoch_ms,planned_rate,sent,completed,rate,errors,p50_us,p90_us,p99_us,p999_us,max_us,"
          + "p99_uncorrected_us,lag_p99_us,in_flight,connections,events";

  private CsvTimeline() {}

  /** Writes the timeline of {@code result} to {@code file}. */
  public static void write(RunResult result, Path file) throws IOException {
    try (Writer w = Files.newBufferedWriter(file)) {
      w.write(HEADER);
      w.write('\n');
      for (TimelinePoint p : result.timeline()) {
        w.write(
            String.format(
                Locale.ROOT,
                "%d,%d,%.1f,%d,%d,%.1f,%d,%d,%d,%d,%d,%d,%d,%d,%d,%d,%s%n",
                p.second(),
                p.epochMillis(),
                p.plannedRate(),
                p.sent(),
                p.completed(),
                p.rate(),
                p.errors(),
                p.latency().p50(),
                p.latency().p90(),
                p.latency().p99(),
                p.latency().p999(),
                p.latency().max(),
                p.uncorrectedP99(),
                p.lagP99(),
                p.inFlight(),
                p.connections(),
                quote(String.join("; ", p.events()))));
      }
    }
  }

  private static String quote(String text) {
    return text.isEmpty() ? "" : "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
