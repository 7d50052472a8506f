package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.proxy.testing.AdminClient;
import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RecordingBackend;
import io.prescal.proxy.testing.RunningProxy;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code timeouts.requestHead} over real sockets: a head trickled byte by byte (slowloris) gets 408
 * and a closed connection once the deadline passes, however short the gaps, on the first request of
 * a connection and on a later one; a head that completes in time is served, and time between
 * requests does not count.
 */
class RequestHeadDeadlineTest {
  private RecordingBackend backend;
  private RunningProxy proxy;

  @AfterEach
  void stop() throws IOException {
    proxy.close();
    backend.close();
  }

  private void start(String requestHead) throws Exception {
    backend = RecordingBackend.ok();
    proxy =
        RunningProxy.start(
            "timeouts:\n  requestHead: "
                + requestHead
                + "\n  clientIdle: 30s\n"
                + RunningProxy.service("", backend.address()));
  }

  /** Sends {@code text} a byte at a time, {@code gapMillis} apart, until done or refused. */
  private static Thread trickle(RawHttp client, String text, long gapMillis) {
    return Thread.ofVirtual()
        .start(
            () -> {
              try {
                for (int i = 0; i < text.length(); i++) {
                  client.send(text.substring(i, i + 1));
                  Thread.sleep(gapMillis);
                }
              } catch (IOException | InterruptedException e) {
                // the proxy closed the connection: expected
              }
            });
  }

  @Test
  void aTrickledHeadGets408WhenTheDeadlinePasses() throws Exception {
    start("1s");
    try (RawHttp client = new RawHttp(proxy.port())) {
      long sent = System.nanoTime();
      // 40 bytes 150 ms apart: 6 s in all, each gap far inside clientIdle.
      Thread writer =
          trickle(client, "GET /slow HTTP/1.1\r\nHost: h\r\nX-Pad: abcdef\r\n\r\n", 150);
      RawHttp.Framed response = client.readFramed(false);
      assertThat(response.status()).isEqualTo(408);
      assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(ofSeconds(1));
      assertThat(client.closedByPeer()).isTrue();
      writer.interrupt();
    }
    assertThat(backend.received()).isEmpty();
    JsonNode listener = listener();
    assertThat(listener.get("requestHeadTimeouts").asLong()).isEqualTo(1);
    assertThat(new AdminClient(proxy.adminPort()).get("/metrics"))
        .contains(
            "prescal_request_head_timeouts_total{listener=\""
                + listener.get("address").asString()
                + "\"} 1");
  }

  @Test
  void aLaterRequestOnAKeptConnectionHasItsOwnDeadline() throws Exception {
    start("1s");
    try (RawHttp client = new RawHttp(proxy.port())) {
      assertThat(client.send("GET /1 HTTP/1.1\r\nHost: h\r\n\r\n").readFramed(false).status())
          .isEqualTo(200);
      Thread writer = trickle(client, "GET /2 HTTP/1.1\r\nHost: h\r\nX-Pad: abcdef\r\n\r\n", 150);
      assertThat(client.readFramed(false).status()).isEqualTo(408);
      assertThat(client.closedByPeer()).isTrue();
      writer.interrupt();
    }
    assertThat(backend.received()).hasSize(1);
  }

  @Test
  void aHeadCompleteInTimeIsServedAndTimeBetweenRequestsDoesNotCount() throws Exception {
    start("3s");
    try (RawHttp client = new RawHttp(proxy.port())) {
      client.send("GET /1 HTTP/1.1\r\n");
      Thread.sleep(300);
      client.send("Host: h\r\n");
      Thread.sleep(300);
      assertThat(client.send("\r\n").readFramed(false).status()).isEqualTo(200);
      Thread.sleep(3500); // longer than requestHead, between two requests
      assertThat(client.send("GET /2 HTTP/1.1\r\nHost: h\r\n\r\n").readFramed(false).status())
          .isEqualTo(200);
    }
    assertThat(backend.received()).hasSize(2);
    assertThat(listener().get("requestHeadTimeouts").asLong()).isZero();
  }

  private JsonNode listener() throws Exception {
    JsonNode status =
        JsonMapper.builder().build().readTree(new AdminClient(proxy.adminPort()).get("/status"));
    return status.get("listeners").get(0);
  }

  private static Duration ofSeconds(long seconds) {
    return Duration.ofSeconds(seconds);
  }
}
