package io.prescal.traffic.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.traffic.ExitCode;
import io.prescal.traffic.events.EventMark;
import io.prescal.traffic.serve.BackendSettings;
import io.prescal.traffic.serve.LatencyModel;
import io.prescal.traffic.serve.SyntheticBackend;
import io.prescal.traffic.testing.Cli;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code --report} page: written by a real run, read back as XML, its chart data and table
 * agree with the run's own JSON; strings from outside are escaped.
 */
class HtmlReportTest {

  @TempDir Path dir;

  @Test
  void aRealRunWritesAPageWhoseChartsHoldTheRunsOwnFigures() throws Exception {
    Path html = dir.resolve("run.html");
    Path json = dir.resolve("run.json");
    try (SyntheticBackend b =
        SyntheticBackend.start(
            new BackendSettings(
                "127.0.0.1",
                0,
                LatencyModel.fixed(Duration.ofMillis(1)),
                0,
                0.2,
                16,
                Duration.ZERO,
                "t",
                1,
                Duration.ofSeconds(5)))) {
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "--rate",
              "200",
              "-d",
              "3s",
              "--max-lag",
              "1h",
              "--slo",
              "errors<1%",
              "--report",
              html.toString(),
              "--json",
              json.toString(),
              "http://127.0.0.1:" + b.port() + "/");
      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.SLO_BREACHED);
    }

    JsonNode r = JsonMapper.builder().build().readTree(Files.readString(json));
    Document page = parse(Files.readString(html));
    JsonNode timeline = r.get("timeline");
    assertThat(timeline.size()).isGreaterThanOrEqualTo(3);

    double[] rate = values(page, "rate", "responses/s");
    double[] planned = values(page, "rate", "planned/s");
    double[] p99 = values(page, "latency", "p99");
    double[] p50 = values(page, "latency", "p50");
    double[] errors = values(page, "errors", "errors");
    assertThat(rate).hasSize(timeline.size());
    for (int i = 0; i < timeline.size(); i++) {
      JsonNode p = timeline.get(i);
      assertThat(rate[i])
          .isCloseTo(p.get("rate").asDouble(), org.assertj.core.data.Offset.offset(0.01));
      assertThat(planned[i]).isEqualTo(p.get("plannedRate").asDouble());
      assertThat((long) p99[i]).isEqualTo(p.get("latency").get("p99").asLong());
      assertThat((long) p50[i]).isEqualTo(p.get("latency").get("p50").asLong());
      assertThat((long) errors[i]).isEqualTo(p.get("errors").asLong());
    }
    long errorSum = (long) Arrays.stream(errors).sum();
    long errorCount = 0;
    for (var e : r.get("errors").properties()) {
      errorCount += e.getValue().asLong();
    }
    assertThat(errorSum).isPositive().isEqualTo(errorCount);

    // The table: completed per second adds up to the run's responses.
    NodeList rows = nodes(page, "//table[@id='timeline']/tr[td]");
    assertThat(rows.getLength()).isEqualTo(timeline.size());
    long completed = 0;
    for (int i = 0; i < rows.getLength(); i++) {
      completed +=
          Long.parseLong(text(page, "//table[@id='timeline']/tr[td][" + (i + 1) + "]/td[4]"));
    }
    assertThat(completed).isEqualTo(r.get("completed").asLong());

    assertThat(text(page, "//div[@id='slo']/@data-met")).isEqualTo("false");
    assertThat(text(page, "//div[@id='slo']")).contains("BREACHED").contains("errors<1%");
    assertThat(nodes(page, "//script").getLength()).isZero();
  }

  @Test
  void stringsFromOutsideAreTextNotMarkup() throws Exception {
    String hostile = "<script>alert('x')</script> & \"quoted\" \u0007bell";
    EventMark mark =
        new EventMark(0.5, Instant.EPOCH, "scale.decision", "shop<b>", "scale 1 -> 2: " + hostile);
    TimelinePoint point =
        new TimelinePoint(
            1,
            1000,
            0,
            10,
            10,
            10,
            0,
            new Latency(10, 5, 5, 6, 7, 7, 7, 7),
            7,
            0,
            0,
            1,
            List.of(mark.summary()));
    RunResult r =
        new RunResult(
            "closed",
            List.of("http://127.0.0.1:1/" + hostile),
            "nio",
            1,
            1,
            1,
            "http/1.1",
            1,
            1,
            10,
            10,
            10,
            100,
            new Latency(10, 5, 5, 6, 7, 7, 7, 7),
            new Latency(10, 5, 5, 6, 7, 7, 7, 7),
            Map.of("200", 10L),
            Map.of("connect", 0L),
            0,
            null,
            null,
            Map.of(
                "web-1" + hostile,
                new RunResult.BackendSummary(10, 0, new Latency(10, 5, 5, 6, 7, 7, 7, 7))),
            List.of(point),
            List.of(mark),
            List.of(),
            List.of(),
            new SloResult(hostile, true, List.of(new SloResult.Check(hostile, "1ms", true))));

    String html = HtmlReport.html(r);
    Document page = parse(html);

    assertThat(nodes(page, "//script").getLength()).isZero();
    assertThat(nodes(page, "//b").getLength()).isZero();
    assertThat(text(page, "//table[@id='events']"))
        .contains("<script>alert('x')</script>")
        .contains("shop<b>");
    assertThat(text(page, "//line[@class='event']/title"))
        .contains("<script>alert('x')</script> & \"quoted\"");
    assertThat(text(page, "//title")).contains("<script>");
    assertThat(html).doesNotContain("\u0007");
  }

  @Test
  void anEmptyRunStillWritesAPage() throws Exception {
    RunResult r =
        new RunResult(
            "closed",
            List.of("http://127.0.0.1:1/"),
            "nio",
            1,
            1,
            1,
            "http/1.1",
            1,
            0,
            0,
            0,
            0,
            0,
            new Latency(0, 0, 0, 0, 0, 0, 0, 0),
            new Latency(0, 0, 0, 0, 0, 0, 0, 0),
            Map.of(),
            Map.of(),
            0,
            null,
            null,
            Map.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            null);

    Document page = parse(HtmlReport.html(r));

    assertThat(values(page, "rate", "responses/s")).isEmpty();
    assertThat(text(page, "//div[@id='slo']/@data-met")).isEqualTo("none");
  }

  /** Parses the page as XML: it fails on anything not well-formed. */
  static Document parse(String html) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    return f.newDocumentBuilder()
        .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
  }

  static double[] values(Document page, String chart, String series) throws Exception {
    String v =
        text(page, "//*[@id='chart-" + chart + "']/*[@data-series='" + series + "']/@data-values");
    List<Double> out = new ArrayList<>();
    for (String s : v.trim().split(" ")) {
      if (!s.isEmpty()) {
        out.add(Double.parseDouble(s));
      }
    }
    assertThat(
            nodes(page, "//*[@id='chart-" + chart + "']/*[@data-series='" + series + "']")
                .getLength())
        .as("chart %s has series %s", chart, series)
        .isEqualTo(1);
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }

  static String text(Document page, String xpath) throws Exception {
    return (String)
        XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.STRING);
  }

  static NodeList nodes(Document page, String xpath) throws Exception {
    return (NodeList)
        XPathFactory.newInstance().newXPath().evaluate(xpath, page, XPathConstants.NODESET);
  }
}
