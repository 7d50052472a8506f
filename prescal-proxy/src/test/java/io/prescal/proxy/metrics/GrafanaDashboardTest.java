package io.prescal.proxy.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The shipped Grafana dashboard (deploy/grafana/prescal-dashboard.json) cannot silently rot: every
 * metric its PromQL names, and every label it selects on, is in a real proxy's {@code /metrics}.
 * The proxy has what the dashboard shows: a static service with traffic, an autoscaled one (process
 * provider, at zero), and an event publisher (whose Redis is away: its metrics are there anyway).
 */
class GrafanaDashboardTest {

  private static final Path DASHBOARD = Path.of("../deploy/grafana/prescal-dashboard.json");
  private static final Pattern METRIC = Pattern.compile("\\bprescal_[a-z0-9_]+");
  private static final Pattern SELECTOR = Pattern.compile("\\b(prescal_[a-z0-9_]+)\\{([^}]*)}");
  private static final Pattern MATCHER =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)");
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? ");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"");

  @Test
  void everyMetricAndLabelTheDashboardUsesIsInARealScrape() throws Exception {
    JsonNode dashboard = JsonMapper.builder().build().readTree(Files.readString(DASHBOARD));
    List<String> queries = queries(dashboard);
    assertThat(queries).as("PromQL in the dashboard").hasSizeGreaterThan(15);

    Map<String, Set<String>> scraped = scrape();

    Set<String> used = new TreeSet<>();
    for (String query : queries) {
      Matcher m = METRIC.matcher(query);
      while (m.find()) {
        used.add(m.group());
      }
    }
    assertThat(used).as("metrics the dashboard uses").hasSizeGreaterThan(15);
    assertThat(scraped.keySet()).as("metrics a real proxy exposes").containsAll(used);

    for (String query : queries) {
      Matcher m = SELECTOR.matcher(query);
      while (m.find()) {
        Matcher label = MATCHER.matcher(m.group(2));
        while (label.find()) {
          assertThat(scraped.get(m.group(1)))
              .as("labels of %s in the scrape (used in %s)", m.group(1), query)
              .contains(label.group(1));
        }
      }
    }
  }

  /** Every PromQL expression: panel targets (rows included) and template variable queries. */
  private static List<String> queries(JsonNode dashboard) {
    List<String> out = new ArrayList<>();
    List<JsonNode> panels = new ArrayList<>();
    dashboard.get("panels").forEach(panels::add);
    for (int i = 0; i < panels.size(); i++) {
      JsonNode panel = panels.get(i);
      if (panel.has("panels")) {
        panel.get("panels").forEach(panels::add);
      }
      if (panel.has("targets")) {
        panel.get("targets").forEach(t -> out.add(t.get("expr").stringValue()));
      }
    }
    for (JsonNode variable : dashboard.get("templating").get("list")) {
      if (variable.has("definition")) {
        out.add(variable.get("definition").stringValue());
      }
    }
    return out;
  }

  /** Metric name to its label names, from the samples of a real proxy's {@code /metrics}. */
  private static Map<String, Set<String>> scrape() throws Exception {
    int closed;
    try (ServerSocket s = new ServerSocket(0)) {
      closed = s.getLocalPort();
    }
    try (TestBackend backend = TestBackend.named("b");
        RunningProxy proxy =
            RunningProxy.start(
                """
                events:
                  redis: redis://127.0.0.1:%d
                services:
                  - name: web
                    backends:
                      - address: %s
                  - name: shop
                    pathPrefix: /shop
                    provider: {type: process, command: ["sh", "-c", "sleep 60", "{port}"], stopGrace: 1s}
                    autoscale: {min: 0, max: 2, scaleToZero: true, tick: 200ms}
                """
                    .formatted(closed, backend.address()));
        HttpClient http = HttpClient.newHttpClient()) {
      try (RawHttp client = new RawHttp(proxy.port())) {
        for (int i = 0; i < 5; i++) {
          client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
        }
      }
      HttpRequest get =
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.adminPort() + "/metrics"))
              .build();
      // Latencies reach the histogram when the traffic window closes its second.
      String text =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> http.send(get, HttpResponse.BodyHandlers.ofString()).body(),
                  body ->
                      body.contains(
                          "prescal_request_duration_seconds_count{service=\"web\",backend=\""
                              + backend.address()
                              + "\"} 5"));
      Map<String, Set<String>> metrics = new HashMap<>();
      for (String line : text.lines().toList()) {
        Matcher sample = SAMPLE.matcher(line);
        if (line.startsWith("#") || !sample.find()) {
          continue;
        }
        Set<String> labels = metrics.computeIfAbsent(sample.group(1), k -> new HashSet<>());
        if (sample.group(3) != null) {
          Matcher label = LABEL.matcher(sample.group(3));
          while (label.find()) {
            labels.add(label.group(1));
          }
        }
      }
      return metrics;
    }
  }
}
