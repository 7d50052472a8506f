package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.prescal.proxy.testing.AdminClient;
import io.prescal.proxy.testing.RawHttp;
import io.prescal.proxy.testing.RecordingBackend;
import io.prescal.proxy.testing.RunningProxy;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code limits.maxConnections} and {@code limits.maxConnectionsPerClient} over real sockets: at
 * the listener's limit a new connection waits unserved until one closes; over the per-client limit
 * a new connection is closed at once. Both are counted in {@code /status} and {@code /metrics}.
 */
class ConnectionLimitsTest {
  private static final String GET = "GET / HTTP/1.1\r\nHost: h\r\n\r\n";
  private final List<RawHttp> clients = new ArrayList<>();
  private RecordingBackend backend;
  private RunningProxy proxy;

  @AfterEach
  void stop() throws IOException {
    for (RawHttp client : clients) {
      client.close();
    }
    proxy.close();
    backend.close();
  }

  private void start(String limits) throws Exception {
    backend = RecordingBackend.ok();
    proxy = RunningProxy.start("limits:\n" + limits + RunningProxy.service("", backend.address()));
  }

  private RawHttp served() throws IOException {
    RawHttp client = new RawHttp(proxy.port());
    clients.add(client);
    assertThat(client.send(GET).readFramed(false).status()).isEqualTo(200);
    return client;
  }

  @Test
  void atTheListenersLimitANewConnectionWaitsUntilOneCloses() throws Exception {
    start("  maxConnections: 3\n");
    RawHttp first = served();
    served();
    served();
    RawHttp fourth = new RawHttp(proxy.port()); // the kernel's backlog takes it
    clients.add(fourth);
    fourth.send(GET);
    fourth.socket().setSoTimeout(1000);
    assertThatThrownBy(() -> fourth.readFramed(false)).isInstanceOf(SocketTimeoutException.class);
    JsonNode listener = listener();
    assertThat(listener.get("connections").asInt()).isEqualTo(3);
    assertThat(listener.get("paused").asLong()).isEqualTo(1);
    assertThat(new AdminClient(proxy.adminPort()).get("/metrics"))
        .contains("prescal_listener_paused_total{listener=\"" + address(listener) + "\"} 1")
        .contains("prescal_listener_connections{listener=\"" + address(listener) + "\"} 3");

    first.close();
    fourth.socket().setSoTimeout(10_000);
    assertThat(fourth.readFramed(false).status()).isEqualTo(200);
    assertThat(backend.received()).hasSize(4);
  }

  @Test
  void overThePerClientLimitANewConnectionIsClosedAtOnce() throws Exception {
    start("  maxConnectionsPerClient: 2\n");
    RawHttp first = served();
    served();
    try (RawHttp third = new RawHttp(proxy.port())) {
      assertThat(third.closedByPeer()).isTrue();
    }
    JsonNode listener = listener();
    assertThat(listener.get("rejectedPerClient").asLong()).isEqualTo(1);
    assertThat(new AdminClient(proxy.adminPort()).get("/metrics"))
        .contains(
            "prescal_listener_rejected_total{listener=\""
                + address(listener)
                + "\",reason=\"max_connections_per_client\"} 1");

    first.close();
    await().atMost(Duration.ofSeconds(10)).until(() -> listener().get("connections").asInt() == 1);
    served();
    assertThat(backend.received()).hasSize(3);
  }

  private JsonNode listener() throws Exception {
    JsonNode status =
        JsonMapper.builder().build().readTree(new AdminClient(proxy.adminPort()).get("/status"));
    return status.get("listeners").get(0);
  }

  private static String address(JsonNode listener) {
    return listener.get("address").asString();
  }
}
