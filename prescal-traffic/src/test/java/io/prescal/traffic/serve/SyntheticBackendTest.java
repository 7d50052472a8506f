package io.prescal.traffic.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The synthetic backend's endpoints, over real HTTP on loopback. */
class SyntheticBackendTest {

  private final HttpClient http = HttpClient.newHttpClient();
  private SyntheticBackend backend;

  private SyntheticBackend start(double errorRate, int size, Duration startupDelay)
      throws Exception {
    backend =
        SyntheticBackend.start(
            new BackendSettings(
                "127.0.0.1",
                0,
                LatencyModel.NONE,
                0,
                errorRate,
                size,
                startupDelay,
                "demo-1",
                1,
                Duration.ofSeconds(5)));
    return backend;
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backend.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @AfterEach
  void stop() {
    if (backend != null) {
      backend.close();
    }
  }

  @Test
  void answersWithItsSizeAndIdentity() throws Exception {
    start(0, 1000, Duration.ZERO);
    HttpResponse<String> r = get("/anything");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).hasSize(1000);
    assertThat(r.headers().firstValue("X-Served-By")).contains("demo-1");
  }

  @Test
  void healthzAnswersAtOnceAndReadyOnlyAfterTheStartupDelay() throws Exception {
    start(0, 16, Duration.ofMillis(800));

    HttpResponse<String> health = get("/healthz");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.headers().firstValue("X-In-Flight")).contains("0");
    assertThat(get("/ready").statusCode()).isEqualTo(503);
    await().atMost(Duration.ofSeconds(5)).until(() -> get("/ready").statusCode() == 200);
  }

  @Test
  void echoesTheRequestBody() throws Exception {
    start(0, 16, Duration.ZERO);
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + backend.port() + "/echo?x=1"))
                .POST(HttpRequest.BodyPublishers.ofString("hello prescal"))
                .header("Content-Type", "text/plain")
                .build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(r.body()).isEqualTo("hello prescal");
    assertThat(r.headers().firstValue("X-Echo-Method")).contains("POST");
    assertThat(r.headers().firstValue("X-Echo-Uri")).contains("/echo?x=1");
  }

  @Test
  void errorRateAndQueryParametersShapeTheAnswer() throws Exception {
    start(1.0, 16, Duration.ZERO);

    assertThat(get("/").statusCode()).isEqualTo(500);
    assertThat(get("/?status=204").statusCode()).isEqualTo(204);
    assertThat(get("/?status=200&size=5").body()).hasSize(5);
    assertThat(get("/?status=oops").statusCode()).isEqualTo(400);
    long start = System.nanoTime();
    assertThat(get("/?status=200&latency=300ms").statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(300));
  }

  @Test
  void latencyModelsReadTheirForms() {
    assertThat(LatencyModel.parse("10ms"))
        .isEqualTo(new LatencyModel("fixed", 10_000_000, 10_000_000));
    assertThat(LatencyModel.parse("uniform:5ms-20ms").b()).isEqualTo(20_000_000);
    LatencyModel exp = LatencyModel.parse("exp:10ms");
    double mean =
        java.util.stream.IntStream.range(0, 20_000)
            .mapToLong(i -> exp.next(java.util.concurrent.ThreadLocalRandom.current()))
            .average()
            .orElseThrow();
    assertThat(mean).isBetween(9e6, 11e6);
  }
}
