package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.proxy.testing.RunningProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * From zero, on the wire: a real proxy whose one backend (a process) becomes ready only after a few
 * seconds. A browser's request held past {@code holdQueue.pageAfter} gets the self-refreshing
 * "starting" page; a request for an API keeps waiting and is served; with {@code pageAfter: 0} a
 * browser waits too. Every response that waited in the hold queue says how long in {@code
 * X-Prescal-Cold-Start}; one that did not wait has no such header.
 */
class StartingPageTest {
  private static final String JAVA =
      Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final String COLD_START = "X-Prescal-Cold-Start";

  private RunningProxy proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  /** A service whose backend starts serving about 4 s after it is asked for. */
  private void start(String pageAfter) throws Exception {
    proxy =
        RunningProxy.start(
            """
            services:
              - name: web
                provider:
                  type: process
                  command: ["sh", "-c", "sleep 4; exec %s -m jdk.httpserver -b 127.0.0.1 -p {port}"]
                  stopGrace: 1s
                readiness: {interval: 100ms}
                autoscale: {min: 1, max: 1, tick: 200ms, panicWindow: 1s, stableWindow: 2s}
                holdQueue: {waitLimit: 60s, pageAfter: %s}
            """
                .formatted(JAVA, pageAfter));
  }

  private HttpRequest get(String accept) {
    return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.port() + "/"))
        .header("Accept", accept)
        .timeout(Duration.ofSeconds(90))
        .build();
  }

  private static long coldStart(HttpResponse<?> response) {
    return Long.parseLong(response.headers().firstValue(COLD_START).orElseThrow());
  }

  @Test
  void aBrowserGetsTheStartingPageAfterPageAfterWhileAnApiKeepsWaiting() throws Exception {
    start("500ms");
    try (HttpClient client = HttpClient.newHttpClient()) {
      CompletableFuture<HttpResponse<String>> api =
          client.sendAsync(get("application/json"), HttpResponse.BodyHandlers.ofString());

      HttpResponse<String> page =
          client.send(
              get("text/html,application/xhtml+xml,*/*;q=0.8"),
              HttpResponse.BodyHandlers.ofString());

      assertThat(page.statusCode()).isEqualTo(503);
      assertThat(page.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
      assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
      assertThat(page.body())
          .contains("<title>Starting web</title>")
          .contains("<meta http-equiv=\"refresh\" content=\"1\">");
      assertThat(coldStart(page)).isBetween(500L, 60_000L);
      assertThat(api).isNotDone();

      HttpResponse<String> served = api.get(90, TimeUnit.SECONDS);
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(coldStart(served)).isGreaterThanOrEqualTo(coldStart(page));

      // Ready now: the browser's refresh is served at once, and says nothing of a cold start.
      HttpResponse<String> refreshed =
          client.send(get("text/html"), HttpResponse.BodyHandlers.ofString());
      assertThat(refreshed.statusCode()).isEqualTo(200);
      assertThat(refreshed.headers().firstValue(COLD_START)).isEmpty();
    }
  }

  @Test
  void withPageAfterZeroABrowserWaitsForTheBackendToo() throws Exception {
    start("0");
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpResponse<String> served =
          client.send(get("text/html"), HttpResponse.BodyHandlers.ofString());

      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.body()).doesNotContain("Starting web");
      assertThat(coldStart(served)).isGreaterThan(1_000L);
    }
  }
}
