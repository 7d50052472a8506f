package io.prescal.proxy.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An engine that does not answer (a port nothing listens on): no crash, available() false, one
 * clear sentence, and every provider call fails at once with it.
 */
class UnreachableEngineTest {

  @Test
  void anUnreachableEngineIsReportedClearlyAndCallsFailAtOnce() throws Exception {
    String host = "tcp://127.0.0.1:" + closedPort();
    try (var engine = DockerEngine.connect(DockerEngineSettings.defaults().withHost(host));
        var provider = new DockerProvider(engine, "web", DockerSettings.of("prescal/jre:25"))) {

      assertThat(engine.available()).isFalse();
      assertThat(provider.available()).isFalse();
      assertThat(engine.problem())
          .startsWith("Docker engine at " + host + " does not answer (")
          .endsWith(
              "): start Docker or point DOCKER_HOST at a running engine; Docker services do not"
                  + " scale until it answers");

      assertThatThrownBy(() -> provider.start().get(5, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class)
          .cause()
          .isInstanceOf(EngineUnavailableException.class)
          .hasMessage(engine.problem());
      assertThatThrownBy(() -> provider.adopt().get(5, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(EngineUnavailableException.class);
    }
  }

  @Test
  void invalidEngineSettingsAreListed() {
    var bad = DockerEngineSettings.defaults().withHost("localhost:2375");

    assertThatThrownBy(() -> DockerEngine.connect(bad))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "invalid Docker engine settings:\n  host: localhost:2375 (expected: unix:///path,"
                + " tcp://host:port or npipe://path, or none for DOCKER_HOST)");
  }

  private static int closedPort() throws Exception {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
