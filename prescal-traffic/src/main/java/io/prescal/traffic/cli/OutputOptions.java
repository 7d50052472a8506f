package io.prescal.traffic.cli;

import io.prescal.traffic.report.CsvTimeline;
import io.prescal.traffic.report.HtmlReport;
import io.prescal.traffic.report.JsonReport;
import io.prescal.traffic.report.RunResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the results go, besides the report on standard output. */
final class OutputOptions {

  @Option(names = "--json", paramLabel = "FILE", description = "Write the full summary as JSON.")
  Path json;

  @Option(
      names = "--csv",
      paramLabel = "FILE",
      description = "Write the per-second timeline as CSV.")
  Path csv;

  @Option(
      names = "--hdr-log",
      paramLabel = "FILE",
      description = "Write an HdrHistogram interval log (one histogram a second, microseconds).")
  Path hdrLog;

  @Option(
      names = "--report",
      paramLabel = "FILE.html",
      description = {
        "Write a self-contained HTML report: the verdict, the figures, and charts over time of"
            + " rate, latency percentiles (p50/p90/p99 per second) and errors, with Prescal's"
            + " events (--events) as markers. One file, no scripts, nothing fetched when it is"
            + " opened: mail it or attach it to a CI job."
      })
  Path report;

  @Option(
      names = {"-q", "--quiet"},
      description = "No live progress on standard error.")
  boolean quiet;

  /** Fails early when an output cannot be created, before any load is sent. */
  void checkWritable() {
    for (Path p : new Path[] {json, csv, hdrLog, report}) {
      if (p == null) {
        continue;
      }
      Path dir = p.toAbsolutePath().getParent();
      if (dir == null || !Files.isDirectory(dir)) {
        throw new UsageException(p + ": no such directory " + dir + " (create it or pick another)");
      }
      if (Files.isDirectory(p)) {
        throw new UsageException(p + ": is a directory (expected: a file name)");
      }
    }
  }

  void write(RunResult result) throws IOException {
    if (json != null) {
      JsonReport.write(result, json);
    }
    if (csv != null) {
      CsvTimeline.write(result, csv);
    }
    if (report != null) {
      HtmlReport.write(result, report);
    }
  }
}
