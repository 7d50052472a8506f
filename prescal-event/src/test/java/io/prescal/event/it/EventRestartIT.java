package io.prescal.event.it;

import static io.prescal.event.it.FakeProxy.latencies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.event.BackendReady;
import io.prescal.event.EventApplication;
import io.prescal.testing.RedisExtension;
import io.prescal.testing.RequiresDocker;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/**
 * prescal-event restarts: what the first run wrote (log, history, an active alert) is there for the
 * second, which neither loses nor repeats it.
 */
@RequiresDocker
class EventRestartIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  @RegisterExtension static final RedisExtension REDIS = new RedisExtension("event-rerun");

  private static ConfigurableApplicationContext run() {
    // Command-line arguments: they win over application.yml (default properties would not).
    return new SpringApplicationBuilder(EventApplication.class)
        .run(
            "--server.port=0",
            "--spring.data.redis.url=" + REDIS.uri(),
            "--prescal.event.alerts[0].name=slow",
            "--prescal.event.alerts[0].kind=p99",
            "--prescal.event.alerts[0].threshold=100",
            "--prescal.event.alerts[0].hold-for=0s");
  }

  private static int port(ConfigurableApplicationContext app) {
    return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
  }

  @Test
  void aRestartKeepsTheLogTheHistoryAndTheActiveAlerts() {
    String uri = REDIS.uri();
    long pointsBefore;
    try (FakeProxy proxy =
        new FakeProxy(
            uri, "proxy-1", "slowsvc", "s-1", new FakeProxy.Traffic(10, 0, latencies(10, 400)))) {
      try (ConfigurableApplicationContext first = run()) {
        int port = port(first);
        await()
            .atMost(WAIT)
            .until(() -> Http.get(port, "/api/events?type=alert.raised").json().size() == 1);
        // Subscribed by now (the alert came from the proxy's metrics): Pub/Sub keeps nothing.
        proxy.pipeline.publish("slowsvc", new BackendReady("s-1", "127.0.0.1:9", 7));
        await()
            .atMost(WAIT)
            .until(() -> Http.get(port, "/api/events?type=backend.ready").json().size() == 1);
        pointsBefore = await().atMost(WAIT).until(() -> points(port), n -> n >= 2);
      }
      try (ConfigurableApplicationContext second = run()) {
        int port = port(second);
        assertThat(Http.get(port, "/api/events?type=backend.ready").json().size()).isEqualTo(1);
        assertThat(points(port)).isGreaterThanOrEqualTo(pointsBefore);
        // Restored from the log: still active, and not raised a second time.
        await().atMost(WAIT).until(() -> Http.get(port, "/api/services").json().size() == 1);
        assertThat(Http.get(port, "/api/events?type=alert.raised").json().size()).isEqualTo(1);
        await().atMost(WAIT).until(() -> points(port) > pointsBefore);
      }
    }
  }

  private static long points(int port) {
    long from = System.currentTimeMillis() - 600_000;
    JsonNode history = Http.get(port, "/api/services/slowsvc/history?step=1s&from=" + from).json();
    return history.get("points") == null ? 0 : history.get("points").size();
  }
}
