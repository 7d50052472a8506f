package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.proxy.testing.RunningProxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hold queue's limits through a real proxy, with a backend that never becomes ready (a process
 * that listens nowhere): a request that waits past the wait limit gets 503 with Retry-After, and
 * one that finds the queue full gets 503 at once.
 */
class HoldQueueLimitsTest {
  private RunningProxy proxy;

  @AfterEach
  void stop() {
    if (proxy != null) {
      proxy.close();
    }
  }

  @Test
  void overTheWaitLimitAndOverTheQueueSizeTheProxyAnswers503WithRetryAfter() throws Exception {
    proxy =
        RunningProxy.start(
            """
            services:
              - name: web
                provider: {type: process, command: ["sh", "-c", "sleep 60", "{port}"], stopGrace: 1s}
                autoscale: {min: 1, max: 1, tick: 200ms, panicWindow: 1s, stableWindow: 2s}
                holdQueue: {size: 2, waitLimit: 1s}
            """);
    URI uri = URI.create("http://127.0.0.1:" + proxy.port() + "/");
    try (HttpClient client = HttpClient.newHttpClient()) {
      HttpRequest get = HttpRequest.newBuilder(uri).build();
      CompletableFuture<HttpResponse<String>> first =
          client.sendAsync(get, HttpResponse.BodyHandlers.ofString());
      CompletableFuture<HttpResponse<String>> second =
          client.sendAsync(get, HttpResponse.BodyHandlers.ofString());
      await()
          .atMost(Duration.ofSeconds(5))
          .until(() -> proxy.pool("web").noBackendPolicy().queueLength() == 2);

      HttpResponse<String> full = client.send(get, HttpResponse.BodyHandlers.ofString());

      assertThat(full.statusCode()).isEqualTo(503);
      assertThat(full.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(full.headers().firstValue("X-Prescal-Cold-Start")).isEmpty(); // never held
      assertThat(first).isNotDone();
      HttpResponse<String> waited = first.get();
      assertThat(waited.statusCode()).isEqualTo(503);
      assertThat(waited.headers().firstValue("Retry-After")).hasValue("1");
      assertThat(waited.body()).contains("no backend of service web is ready");
      assertThat(waited.headers().firstValue("X-Prescal-Cold-Start").map(Long::parseLong))
          .hasValueSatisfying(ms -> assertThat(ms).isBetween(1_000L, 30_000L));
      assertThat(second.get().statusCode()).isEqualTo(503);
      assertThat(proxy.pool("web").rejectedCount()).isEqualTo(3);
      assertThat(proxy.pool("web").noBackendPolicy().queueLength()).isZero();
    }
  }
}
