package io.prescal.traffic.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.traffic.ExitCode;
import io.prescal.traffic.testing.Cli;
import io.prescal.traffic.testing.LoopbackServer;
import io.prescal.traffic.testing.ProtocolServer;
import io.prescal.traffic.testing.TlsCertificates;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code --http2} against real HTTP/2 servers on loopback: h2 chosen by ALPN over TLS, h2c with
 * prior knowledge, {@code --streams} concurrency counted at the server, error classes (status,
 * stream reset, GOAWAY, timeout), and the open model's latency from the intended send time.
 */
class Http2Test {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static TlsCertificates certs;

  @TempDir Path dir;

  @BeforeAll
  static void makeCertificates() throws Exception {
    certs = TlsCertificates.make();
  }

  private JsonNode json(Path file) throws Exception {
    return JSON.readTree(Files.readString(file));
  }

  @Test
  void h2OverTlsKeepsStreamsRequestsInFlightOnEachConnection() throws Exception {
    Path ca = certs.writeCa(dir.resolve("ca.pem"));
    // Each answer waits 20 ms, so every stream the client may open is open at once.
    try (ProtocolServer server =
        ProtocolServer.builder()
            .tls(certs.signed(), "h2", "http/1.1")
            .delay(arrival -> TimeUnit.MILLISECONDS.toNanos(20))
            .start()) {
      Path json = dir.resolve("run.json");
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "--http2",
              "-n",
              "800",
              "-c",
              "2",
              "--streams",
              "8",
              "--cacert",
              ca.toString(),
              "--json",
              json.toString(),
              server.url() + "/");

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
      assertThat(server.requests()).isEqualTo(800);
      assertThat(server.connections()).isEqualTo(2);
      assertThat(server.alpn()).containsExactly("h2", "h2");
      assertThat(server.mostStreamsOpen()).isEqualTo(16);
      JsonNode r = json(json);
      assertThat(r.get("protocol").asString()).isEqualTo("h2");
      assertThat(r.get("streams").asInt()).isEqualTo(8);
      assertThat(r.get("completed").asLong()).isEqualTo(800);
      assertThat(r.get("statuses").get("200").asLong()).isEqualTo(800);
      assertThat(r.get("connect").get("handshake").get("count").asLong()).isEqualTo(2);
      assertThat(r.get("bytesRead").asLong()).isEqualTo(1600);
      assertThat(run.out()).contains("closed model, h2,").contains("2 connection(s) x 8 streams");
    }
  }

  @Test
  void neverOpensMoreStreamsThanTheServerAllows() throws Exception {
    try (ProtocolServer server =
        ProtocolServer.builder()
            .maxStreams(3)
            .delay(arrival -> TimeUnit.MILLISECONDS.toNanos(10))
            .start()) {
      Path json = dir.resolve("run.json");
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "--http2",
              "-n",
              "300",
              "-c",
              "1",
              "--streams",
              "10",
              "--json",
              json.toString(),
              server.url() + "/");

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
      assertThat(server.mostStreamsOpen()).isEqualTo(3);
      assertThat(json(json).get("errorRate").asDouble()).isZero();
      assertThat(server.requests()).isEqualTo(300);
    }
  }

  @Test
  void h2cWithPriorKnowledgeSendsTheRequestAsHttp2Headers() throws Exception {
    try (ProtocolServer server = ProtocolServer.builder().header("X-Prescal-Backend: b1").start()) {
      Path json = dir.resolve("run.json");
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "--http2",
              "-n",
              "100",
              "-c",
              "2",
              "-m",
              "POST",
              "-H",
              "X-Test: yes",
              "-H",
              "Connection: keep-alive",
              "--body",
              "hello",
              "--json",
              json.toString(),
              server.url() + "/orders?x=1");

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
      assertThat(server.requests()).isEqualTo(100);
      assertThat(server.alpn()).isEmpty();
      assertThat(server.received().getFirst())
          .startsWith("POST /orders?x=1\n")
          .contains(":scheme: http\n")
          .contains(":authority: 127.0.0.1:" + server.port() + "\n")
          .contains("x-test: yes\n")
          .contains("content-length: 5\n")
          .contains("user-agent: prescal-traffic\n")
          .doesNotContain("connection");
      JsonNode r = json(json);
      assertThat(r.get("protocol").asString()).isEqualTo("h2c");
      assertThat(r.get("backends").get("b1").get("requests").asLong()).isEqualTo(100);
      assertThat(r.get("connect").get("handshake").isNull()).isTrue();
    }
  }

  @Test
  void aServerWithoutH2InAlpnEndsTheRunWithOneLine() throws Exception {
    try (ProtocolServer server =
        ProtocolServer.builder().tls(certs.selfSigned(), "http/1.1").start()) {
      Cli.Run run = Cli.run("load", "-q", "--http2", "-k", "-n", "10", server.url() + "/");

      assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
      assertThat(run.err().strip().lines()).hasSize(1);
      assertThat(run.err())
          .contains(server.url() + "/: the server chose \"http/1.1\" in ALPN, not h2")
          .contains("drop --http2");
      assertThat(server.requests()).isZero();
    }
  }

  @Test
  void anHttp1ServerAskedForH2cEndsTheRunWithOneLine() throws Exception {
    try (LoopbackServer plain = LoopbackServer.start()) {
      Cli.Run run = Cli.run("load", "-q", "--http2", "-n", "10", "-c", "2", plain.url() + "/");

      assertThat(run.exit()).isEqualTo(ExitCode.FAILURE);
      assertThat(run.err().strip().lines()).hasSize(1);
      assertThat(run.err())
          .contains("the server did not answer HTTP/2 with prior knowledge (h2c)")
          .contains("drop --http2");
    }
  }

  @Test
  void aServerThatNeverSendsItsSettingsCostsAConnectErrorAfterTheConnectTimeout() throws Exception {
    List<Socket> held = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      Thread accepter =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      while (true) {
                        held.add(silent.accept());
                      }
                    } catch (IOException closed) {
                      // The test is over.
                    }
                  });
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "--http2",
              "-n",
              "3",
              "-c",
              "1",
              "--connect-timeout",
              "300ms",
              "http://127.0.0.1:" + silent.getLocalPort() + "/");

      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.FAILURE);
      assertThat(run.out())
          .contains("connect 3")
          .contains("First connect error: not ready within the connect timeout of 300 ms");
      assertThat(held).hasSize(3);
      silent.close();
      accepter.join();
    } finally {
      for (Socket s : held) {
        s.close();
      }
    }
  }

  @Test
  void classifiesBadStatusesStreamResetsAndGoaway() throws Exception {
    try (ProtocolServer server = ProtocolServer.builder().start()) {
      Path json = dir.resolve("run.json");
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "--http2",
              "-n",
              "30",
              "-c",
              "1",
              "--json",
              json.toString(),
              server.url() + "/status/503",
              server.url() + "/reset",
              server.url() + "/goaway");

      assertThat(run.exit()).as(run.out() + run.err()).isIn(ExitCode.OK);
      JsonNode r = json(json);
      assertThat(r.get("requests").asLong()).isEqualTo(30);
      assertThat(r.get("statuses").get("503").asLong()).isEqualTo(10);
      JsonNode errors = r.get("errors");
      assertThat(errors.get("bad-status").asLong()).isEqualTo(10);
      assertThat(errors.get("stream-reset").asLong()).isEqualTo(10);
      assertThat(errors.get("goaway").asLong()).isEqualTo(10);
      assertThat(errors.get("reset").asLong()).isZero();
      assertThat(run.out()).contains("stream-reset 10").contains("goaway 10");
    }
  }

  @Test
  void aLateStreamIsResetAndTimedOutWhileItsConnectionLivesOn() throws Exception {
    try (ProtocolServer server =
        ProtocolServer.builder().delay(arrival -> TimeUnit.SECONDS.toNanos(3)).start()) {
      Path json = dir.resolve("run.json");
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "--http2",
              "-n",
              "8",
              "-c",
              "1",
              "--streams",
              "4",
              "--timeout",
              "300ms",
              "--json",
              json.toString(),
              server.url() + "/");

      JsonNode r = json(json);
      assertThat(r.get("errors").get("timeout").asLong()).as(run.out()).isEqualTo(8);
      // Eight timeouts, in two rounds of four streams, on the one connection.
      assertThat(server.connections()).isEqualTo(1);
      assertThat(server.requests()).isEqualTo(8);
    }
  }

  @Test
  void aStallShowsInTheCorrectedLatencyOfTheOpenModelOverHttp2() throws Exception {
    AtomicLong first = new AtomicLong();
    long stallFrom = TimeUnit.MILLISECONDS.toNanos(2500);
    long stallTo = TimeUnit.MILLISECONDS.toNanos(3500);
    LoopbackServer.Delay stall =
        arrival -> {
          first.compareAndSet(0, arrival);
          long t = arrival - first.get();
          return t >= stallFrom && t < stallTo ? stallTo - t : 0;
        };
    try (ProtocolServer server = ProtocolServer.builder().delay(stall).start()) {
      Path json = dir.resolve("run.json");
      // One connection of four streams: requests planned during the stall fill the four streams,
      // then wait for one, keeping their intended send time.
      Cli.Run run =
          Cli.run(
              "load",
              "-q",
              "--http2",
              "--rate",
              "200",
              "-d",
              "5s",
              "--warmup",
              "1s",
              "-c",
              "1",
              "--max-connections",
              "1",
              "--streams",
              "4",
              "--max-lag",
              "1h",
              "--json",
              json.toString(),
              server.url() + "/");

      JsonNode r = json(json);
      assertThat(run.exit()).as(run.out() + run.err()).isEqualTo(ExitCode.OK);
      assertThat(r.get("latency").get("p99").asLong()).isGreaterThan(700_000);
      // Only the four requests in the streams when the stall began waited from their real send
      // time (0.4% of the run); p90, not p99, so that a busy machine's own pauses do not count.
      assertThat(r.get("uncorrected").get("p90").asLong()).isLessThan(500_000);
      assertThat(r.get("uncorrected").get("max").asLong()).isGreaterThan(700_000);
      assertThat(r.get("schedule").get("late").asLong()).isGreaterThan(100);
      assertThat(server.connections()).isEqualTo(1);
      assertThat(server.mostStreamsOpen()).isEqualTo(4);
    }
  }
}
