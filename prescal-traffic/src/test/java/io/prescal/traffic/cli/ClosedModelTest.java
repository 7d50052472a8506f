package io.prescal.traffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.traffic.ExitCode;
import io.prescal.traffic.testing.Cli;
import io.prescal.traffic.testing.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The closed model against real servers on loopback: what reaches the wire, and how much. */
class ClosedModelTest {

  @TempDir Path dir;

  @Test
  void sendsExactlyTheRequestedCountOverKeepAliveConnections() throws Exception {
    try (LoopbackServer server = LoopbackServer.start()) {
      Path json = dir.resolve("run.json");
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "-n",
              "2000",
              "-c",
              "8",
              "-t",
              "2",
              "--json",
              json.toString(),
              server.url() + "/");

      assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
      assertThat(server.requests()).isEqualTo(2000);
      assertThat(server.connections()).isEqualTo(8);
      JsonNode r = JsonMapper.builder().build().readTree(Files.readString(json));
      assertThat(r.get("completed").asLong()).isEqualTo(2000);
      assertThat(r.get("requests").asLong()).isEqualTo(2000);
      assertThat(r.get("statuses").get("200").asLong()).isEqualTo(2000);
      assertThat(r.get("latency").get("count").asLong()).isEqualTo(2000);
      assertThat(run.out()).contains("2000 requests").contains("200: 2000");
    }
  }

  @Test
  void withoutKeepAliveOpensOneConnectionPerRequest() throws Exception {
    try (LoopbackServer server = LoopbackServer.start()) {
      Cli.Run run = Cli.run("load", "-q", "-n", "300", "-c", "4", "--no-keep-alive", server.url());

      assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
      assertThat(server.requests()).as(run.out()).isEqualTo(300);
      assertThat(server.connections()).isEqualTo(300);
      assertThat(server.received()).allMatch(r -> r.toLowerCase().contains("connection: close"));
    }
  }

  @Test
  void sharesRequestsBetweenTargetsAndSendsMethodHeadersAndBody() throws Exception {
    Path body = dir.resolve("body.json");
    Files.writeString(body, "{\"hello\":1}");
    try (LoopbackServer a = LoopbackServer.start();
        LoopbackServer b = LoopbackServer.start()) {
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "-n",
              "100",
              "-c",
              "2",
              "-m",
              "POST",
              "-H",
              "X-Test: yes",
              "-H",
              "Content-Type: application/json",
              "--body-file",
              body.toString(),
              a.url() + "/a?x=1",
              b.url() + "/b");

      assertThat(run.exit()).as(run.err()).isEqualTo(ExitCode.OK);
      assertThat(a.requests() + b.requests()).isEqualTo(100);
      assertThat(a.requests()).isPositive();
      assertThat(b.requests()).isPositive();
      assertThat(a.received().getFirst())
          .startsWith("POST /a?x=1\n")
          .containsIgnoringCase("x-test: yes")
          .containsIgnoringCase("content-length: 11")
          .endsWith("{\"hello\":1}");
      assertThat(b.received().getFirst()).startsWith("POST /b\n");
    }
  }

  @Test
  void countsStatusesAndBadStatusErrorsPerBackend() throws Exception {
    try (LoopbackServer server = LoopbackServer.start(arrival -> 0, "X-Prescal-Backend: web-1")) {
      Path json = dir.resolve("run.json");
      Cli.Run run =
          Cli.run("load", "-q", "-n", "50", "-c", "1", "--json", json.toString(), server.url());

      assertThat(run.exit()).isEqualTo(ExitCode.OK);
      JsonNode r = JsonMapper.builder().build().readTree(Files.readString(json));
      assertThat(r.get("backends").get("web-1").get("requests").asLong()).isEqualTo(50);
      assertThat(run.out()).contains("Per backend:").contains("web-1");
    }
  }

  @Test
  void refusedConnectionsAreConnectErrorsAndTheRunFails() throws Exception {
    String url;
    try (LoopbackServer gone = LoopbackServer.start()) {
      url = gone.url();
    }
    Cli.Run run = Cli.run("load", "-q", "-n", "20", "-c", "2", url);

    assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
    assertThat(run.out()).contains("connect 20");
  }
}
