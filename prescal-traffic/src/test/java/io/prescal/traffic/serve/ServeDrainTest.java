package io.prescal.traffic.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.prescal.traffic.TrafficMain;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} as a real child process: SIGTERM (what {@code docker stop} sends) stops accepting,
 * lets every request in flight finish with 200, and exits.
 */
class ServeDrainTest {

  private static final int REQUESTS = 20;

  /** Long enough for every request to arrive before the first one is answered. */
  private static final String LATENCY = "5s";

  @TempDir Path dir;
  private Path output;

  @BeforeEach
  void outputFile() {
    output = dir.resolve("serve.out");
  }

  @Test
  void sigtermDrainsInFlightRequestsWithoutLosingOne() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process serve =
        new ProcessBuilder(
                java.toString(),
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                System.getProperty("java.class.path"),
                TrafficMain.class.getName(),
                "serve",
                "--port",
                "0",
                "--bind",
                "127.0.0.1",
                "--latency",
                LATENCY,
                "--threads",
                "1")
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            // A file, not a pipe: Process.destroy() closes the pipes, and the drain speaks after
            // it.
            .redirectOutput(output.toFile())
            .start();
    try {
      int port = port(line(0));
      HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<HttpResponse<String>>> inFlight = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        inFlight.add(
            http.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/r" + i)).build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      // SIGTERM once the backend holds every request (not after a fixed pause: a busy machine
      // can take longer than that to open 20 connections).
      await().atMost(Duration.ofSeconds(20)).until(() -> inFlight(http, port) == REQUESTS);

      serve.destroy();

      assertThat(line(1))
          .isEqualTo("serve: stopping: draining " + REQUESTS + " in-flight request(s)");
      assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
          .as("no new connection while draining")
          .isInstanceOf(ConnectException.class);
      for (CompletableFuture<HttpResponse<String>> f : inFlight) {
        assertThat(f.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
      }
      assertThat(serve.waitFor(10, TimeUnit.SECONDS)).isTrue();
      assertThat(line(2)).isEqualTo("serve: stopped (0 request(s) abandoned)");
    } finally {
      serve.destroyForcibly();
    }
  }

  private static int inFlight(HttpClient http, int port) throws Exception {
    HttpResponse<Void> r =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz")).build(),
            HttpResponse.BodyHandlers.discarding());
    return Integer.parseInt(r.headers().firstValue("X-In-Flight").orElse("-1"));
  }

  private String line(int index) {
    return await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> Files.readAllLines(output), lines -> lines.size() > index)
        .get(index);
  }

  private static int port(String line) {
    Matcher m =
        Pattern.compile("serve: listening on 127\\.0\\.0\\.1:(\\d+) as .*")
            .matcher(String.valueOf(line));
    assertThat(m.matches()).as("first line: %s", line).isTrue();
    return Integer.parseInt(m.group(1));
  }
}
