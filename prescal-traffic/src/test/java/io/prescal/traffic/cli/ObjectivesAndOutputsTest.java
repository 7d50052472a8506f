package io.prescal.traffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.traffic.ExitCode;
import io.prescal.traffic.report.CsvTimeline;
import io.prescal.traffic.serve.BackendSettings;
import io.prescal.traffic.serve.LatencyModel;
import io.prescal.traffic.serve.SyntheticBackend;
import io.prescal.traffic.testing.Cli;
import java.io.FileInputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** --slo exit codes, and the JSON, CSV and HdrHistogram outputs read back. */
class ObjectivesAndOutputsTest {

  @TempDir Path dir;

  private static SyntheticBackend backend(Duration latency, double errorRate) throws Exception {
    return SyntheticBackend.start(
        new BackendSettings(
            "127.0.0.1",
            0,
            LatencyModel.fixed(latency),
            0,
            errorRate,
            16,
            Duration.ZERO,
            "t",
            1,
            Duration.ofSeconds(5)));
  }

  private static String url(SyntheticBackend b) {
    return "http://127.0.0.1:" + b.port() + "/";
  }

  @Test
  void aBreachedObjectiveExitsWith2AndSaysWhich() throws Exception {
    try (SyntheticBackend b = backend(Duration.ofMillis(20), 0)) {
      Cli.Run run =
          Cli.run("load", "-q", "-n", "100", "-c", "4", "--slo", "p99<1ms, errors<1%", url(b));

      assertThat(run.exit()).isEqualTo(ExitCode.SLO_BREACHED);
      assertThat(run.out())
          .contains("BREACHED")
          .contains("FAIL p99<1ms")
          .contains("ok   errors<1%");
    }
  }

  @Test
  void aMetObjectiveExitsWith0() throws Exception {
    try (SyntheticBackend b = backend(Duration.ZERO, 0)) {
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "-n",
              "200",
              "-c",
              "4",
              "--slo",
              "p99.9<5s, errors<1%, max<10s",
              url(b));

      assertThat(run.exit()).as(run.out()).isEqualTo(ExitCode.OK);
      assertThat(run.out()).contains("\"p99.9<5s, errors<1%, max<10s\": met");
    }
  }

  @Test
  void errorsOverTheObjectiveExitWith2() throws Exception {
    try (SyntheticBackend b = backend(Duration.ZERO, 0.5)) {
      Cli.Run run = Cli.run("load", "-q", "-n", "400", "-c", "4", "--slo", "errors<1%", url(b));

      assertThat(run.exit()).isEqualTo(ExitCode.SLO_BREACHED);
      assertThat(run.out()).containsPattern("bad-status [1-9]\\d*").contains("500: ");
    }
  }

  @Test
  void jsonCsvAndHdrLogParseAndAgree() throws Exception {
    Path json = dir.resolve("run.json");
    Path csv = dir.resolve("timeline.csv");
    Path hdr = dir.resolve("latency.hlog");
    try (SyntheticBackend b = backend(Duration.ofMillis(1), 0)) {
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "-d",
              "3s",
              "-c",
              "4",
              "--json",
              json.toString(),
              "--csv",
              csv.toString(),
              "--hdr-log",
              hdr.toString(),
              url(b));
      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
    }

    JsonNode r = JsonMapper.builder().build().readTree(Files.readString(json));
    long completed = r.get("completed").asLong();
    assertThat(completed).isPositive();
    assertThat(r.get("model").asString()).isEqualTo("closed");
    assertThat(r.get("timeline").size()).isBetween(3, 4);

    List<String> lines = Files.readAllLines(csv);
    assertThat(lines.getFirst()).isEqualTo(CsvTimeline.HEADER);
    long csvCompleted =
        lines.stream().skip(1).mapToLong(l -> Long.parseLong(l.split(",")[4])).sum();
    assertThat(csvCompleted).isEqualTo(completed);
    assertThat(lines.stream().skip(1)).allMatch(l -> l.split(",", -1).length == 17);

    long hdrCount = 0;
    try (InputStream in = new FileInputStream(hdr.toFile())) {
      HistogramLogReader reader = new HistogramLogReader(in);
      for (Histogram h; (h = (Histogram) reader.nextIntervalHistogram()) != null; ) {
        hdrCount += h.getTotalCount();
      }
    }
    assertThat(hdrCount).isEqualTo(completed);
  }
}
