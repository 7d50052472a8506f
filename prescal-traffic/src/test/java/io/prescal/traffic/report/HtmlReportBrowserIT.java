package io.prescal.traffic.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.testing.Browser;
import io.prescal.traffic.events.EventMark;
import io.prescal.traffic.testing.Cli;
import io.prescal.traffic.testing.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code --report} page in real headless Chromium: its charts draw, it loads nothing, and an
 * event summary with markup in it stays text.
 */
class HtmlReportBrowserIT {

  @TempDir Path dir;

  @Test
  void theChartsDrawFromTheFileAloneAndHostileTextStaysText() throws Exception {
    Path real = dir.resolve("real.html");
    try (LoopbackServer server = LoopbackServer.start()) {
      Cli.Run run =
          Cli.run("load", "-q", "-d", "2s", "-c", "2", "--report", real.toString(), server.url());
      assertThat(run.exit()).as(run.out() + run.err()).isZero();
    }
    Path hostile = dir.resolve("hostile.html");
    Files.writeString(hostile, HtmlReport.html(hostileRun()));

    try (Browser browser = new Browser(dir.toUri().toString(), 1200, 1000)) {
      browser.open("real.html");
      var js = browser.driver();
      assertThat(js.getTitle()).startsWith("prescal-traffic: http://127.0.0.1:");
      for (String chart : List.of("rate", "latency", "errors")) {
        Number width =
            (Number)
                js.executeScript(
                    "return document.getElementById('chart-"
                        + chart
                        + "').getBoundingClientRect().width");
        assertThat(width.doubleValue()).as(chart).isGreaterThan(500);
      }
      Number drawn =
          (Number)
              js.executeScript(
                  "return document.querySelector('#chart-latency polyline[data-series=p99]')"
                      + ".getTotalLength()");
      assertThat(drawn.doubleValue()).as("the p99 line is drawn").isPositive();
      assertThat(
              (Number) js.executeScript("return performance.getEntriesByType('resource').length"))
          .as("nothing fetched")
          .isEqualTo(0L);
      browser.screenshot("traffic-html-report");

      browser.open("hostile.html");
      assertThat((Number) js.executeScript("return document.scripts.length")).isEqualTo(0L);
      assertThat((Number) js.executeScript("return document.getElementsByTagName('b').length"))
          .isEqualTo(0L);
      assertThat(
              (String)
                  js.executeScript(
                      "return document.querySelector('#chart-rate line.event title').textContent"))
          .contains("<script>window.hacked=1</script>");
      assertThat(js.executeScript("return window.hacked === undefined")).isEqualTo(true);
      Number marker =
          (Number)
              js.executeScript(
                  "return document.querySelector('#chart-rate line.event')"
                      + ".getBoundingClientRect().height");
      assertThat(marker.doubleValue()).as("the event marker is drawn").isPositive();
    }
  }

  private static RunResult hostileRun() {
    String hostile = "<script>window.hacked=1</script><b>bold</b>";
    EventMark mark = new EventMark(1.5, Instant.EPOCH, "scale.decision", "web", hostile);
    Latency l = new Latency(10, 5, 5, 6, 7, 7, 7, 7);
    List<TimelinePoint> timeline =
        List.of(
            new TimelinePoint(1, 1000, 0, 5, 5, 5, 0, l, 7, 0, 0, 1, List.of()),
            new TimelinePoint(2, 2000, 0, 5, 5, 5, 1, l, 7, 0, 0, 1, List.of(hostile)),
            new TimelinePoint(3, 3000, 0, 5, 5, 5, 0, l, 7, 0, 0, 1, List.of()));
    return new RunResult(
        "closed",
        List.of("http://127.0.0.1:1/" + hostile),
        "nio",
        1,
        1,
        1,
        "http/1.1",
        1,
        3,
        16,
        15,
        5,
        100,
        l,
        l,
        Map.of("200", 15L),
        Map.of("timeout", 1L),
        1 / 16.0,
        null,
        null,
        Map.of(),
        timeline,
        List.of(mark),
        List.of(),
        List.of(),
        null);
  }
}
