package io.prescal.proxy.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.event.BackendState;
import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RunningProxy;
import io.prescal.proxy.testing.TestBackend;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The admin API: status JSON, Prometheus text, drain, token. */
class AdminApiTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private TestBackend backend;
  private RunningProxy proxy;

  @AfterEach
  void stop() {
    proxy.close();
    backend.close();
  }

  private HttpResponse<String> call(String method, String path, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + proxy.adminPort() + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (!method.equals("GET")) {
      request.header("X-Prescal-Admin", "1");
    }
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private void trafficOf(int requests) throws Exception {
    try (RawHttp client = new RawHttp(proxy.port())) {
      for (int i = 0; i < requests; i++) {
        client.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
      }
    }
  }

  @Test
  void statusMetricsAndDrain() throws Exception {
    backend = TestBackend.named("b");
    proxy = RunningProxy.start(RunningProxy.service("", backend.address()));
    trafficOf(7);
    // The latencies reach /status and /metrics when the window closes its second (once a second).
    String allSeven =
        "prescal_request_duration_seconds_bucket{service=\"web\",backend=\""
            + backend.address()
            + "\",le=\"+Inf\"} 7";
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> call("GET", "/metrics", null).body().contains(allSeven));

    HttpResponse<String> status = call("GET", "/status", null);
    assertThat(status.statusCode()).isEqualTo(200);
    JsonNode json = JsonMapper.builder().build().readTree(status.body());
    JsonNode web = json.get("services").get(0);
    assertThat(web.get("name").asString()).isEqualTo("web");
    assertThat(web.get("requests").asLong()).isEqualTo(7);
    JsonNode b = web.get("backends").get(0);
    assertThat(b.get("state").asString()).isEqualTo("ready");
    assertThat(b.get("requests").asLong()).isEqualTo(7);
    assertThat(b.get("p99Millis").asDouble()).isGreaterThan(0);

    String metrics = call("GET", "/metrics", null).body();
    String labels = "service=\"web\",backend=\"" + backend.address() + "\"";
    assertThat(metrics)
        .contains("# TYPE prescal_requests_total counter")
        .contains("prescal_requests_total{" + labels + ",code=\"2xx\"} 7")
        .contains("prescal_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} 7")
        .contains("prescal_backends{service=\"web\",state=\"ready\"} 1")
        .contains("prescal_service_requests_total{service=\"web\"} 7");

    HttpResponse<String> drain =
        call("POST", "/services/web/backends/" + backend.address() + "/drain", null);
    assertThat(drain.statusCode()).isEqualTo(202);
    assertThat(proxy.pool("web").snapshot().all().get(0).state()).isEqualTo(BackendState.DRAINING);
    assertThat(call("POST", "/services/web/backends/nope/drain", null).statusCode()).isEqualTo(404);
    assertThat(call("GET", "/nothing", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aTokenIsRequiredWhenSet() throws Exception {
    backend = TestBackend.named("b");
    proxy =
        RunningProxy.start(
            "admin:\n  address: 127.0.0.1:0\n  token: s3cret-s3cret-s3cret\n"
                + RunningProxy.service("", backend.address()));
    assertThat(call("GET", "/status", null).statusCode()).isEqualTo(401);
    assertThat(call("GET", "/status", "s3cret-s3cret-s3cre").statusCode()).isEqualTo(401);
    assertThat(call("GET", "/status", "s3cret-s3cret-s3cret").statusCode()).isEqualTo(200);
  }
}
