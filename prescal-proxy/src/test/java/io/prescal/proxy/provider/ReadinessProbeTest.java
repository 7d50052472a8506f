package io.prescal.proxy.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.prescal.common.event.BackendKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The readiness probe against real HTTP servers on loopback. */
class ReadinessProbeTest {

  private static final ReadinessSettings FAST =
      new ReadinessSettings(
          "/health", Duration.ofMillis(50), Duration.ofMillis(500), Duration.ofSeconds(10));

  private final ReadinessProbe probe = new ReadinessProbe(FAST);
  private final List<HttpServer> servers = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    probe.close();
    servers.forEach(s -> s.stop(0));
  }

  @Test
  void waitsThroughErrorStatusesUntilTheBackendAnswers200() throws Exception {
    var requests = new AtomicInteger();
    List<String> paths = new CopyOnWriteArrayList<>();
    int port =
        serve(
            0,
            exchange -> {
              paths.add(exchange.getRequestURI().getPath());
              int status = requests.incrementAndGet() <= 2 ? 503 : 200;
              exchange.sendResponseHeaders(status, -1);
              exchange.close();
            });

    Duration took = probe.awaitReady(backendAt(port)).get(10, TimeUnit.SECONDS);

    assertThat(took).isPositive();
    assertThat(requests).hasValue(3);
    assertThat(paths).containsOnly("/health");
  }

  @Test
  void waitsForABackendThatStartsListeningLate() throws Exception {
    int port = freePort();
    var ready = probe.awaitReady(backendAt(port));
    // Refused so far, still probing.
    await()
        .during(Duration.ofMillis(500))
        .atMost(Duration.ofSeconds(2))
        .until(() -> !ready.isDone());

    Instant listening = Instant.now();
    serve(
        port,
        exchange -> {
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });

    ready.get(10, TimeUnit.SECONDS);
    assertThat(Instant.now()).isAfterOrEqualTo(listening);
  }

  @Test
  void aBackendThatNeverAnswersFailsAtTheDeadlineWithTheLastProblem() throws Exception {
    var shortDeadline =
        new ReadinessSettings(
            "/", Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(600));
    try (var impatient = new ReadinessProbe(shortDeadline)) {
      int port = freePort();

      assertThatThrownBy(() -> impatient.awaitReady(backendAt(port)).get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(NotReadyException.class)
          .hasMessage(
              "backend web-1 at 127.0.0.1:"
                  + port
                  + " did not answer GET / with 2xx or 3xx within 0.6 s (last: connection refused);"
                  + " check that it listens there and serves that path, or raise the readiness"
                  + " deadline");
    }
  }

  @Test
  void aWrongPathReportsItsStatus() throws Exception {
    var shortDeadline =
        new ReadinessSettings(
            "/nope", Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofMillis(400));
    int port =
        serve(
            0,
            exchange -> {
              exchange.sendResponseHeaders(404, -1);
              exchange.close();
            });
    try (var impatient = new ReadinessProbe(shortDeadline)) {
      assertThatThrownBy(() -> impatient.awaitReady(backendAt(port)).get(10, TimeUnit.SECONDS))
          .cause()
          .hasMessageContaining("GET /nope")
          .hasMessageContaining("(last: status 404)");
    }
  }

  @Test
  void cancellingStopsTheProbing() throws Exception {
    var requests = new AtomicInteger();
    int port =
        serve(
            0,
            exchange -> {
              requests.incrementAndGet();
              exchange.sendResponseHeaders(503, -1);
              exchange.close();
            });
    var ready = probe.awaitReady(backendAt(port));
    await().atMost(Duration.ofSeconds(10)).until(() -> requests.get() >= 2);

    ready.cancel(false);
    int atCancel = requests.get();
    // At 50 ms intervals, about 20 more attempts in a second if probing went on; one may have been
    // in flight.
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(3))
        .until(() -> requests.get() <= atCancel + 1);
  }

  @Test
  void invalidSettingsAreListed() {
    var bad =
        new ReadinessSettings(
            "health", Duration.ZERO, Duration.ofSeconds(5), Duration.ofSeconds(1));

    assertThat(bad.problems())
        .extracting(Object::toString)
        .containsExactly(
            "path: health (expected: a path starting with /)",
            "interval: PT0S (expected: a duration > 0, e.g. 250ms)",
            "deadline: PT1S (expected: a duration >= timeout, e.g. 60s)");
  }

  private int serve(int port, com.sun.net.httpserver.HttpHandler handler) throws IOException {
    var server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    server.createContext("/", handler);
    server.start();
    servers.add(server);
    return server.getAddress().getPort();
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static ProvidedBackend backendAt(int port) {
    return new ProvidedBackend(
        "web-1",
        "web",
        new InetSocketAddress("127.0.0.1", port),
        BackendKind.STATIC,
        null,
        null,
        Instant.now());
  }
}
