package io.prescal.dashboard.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import io.prescal.testing.RedisContainers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A test Redis that can be stopped and started again on the same loopback port, for real outages:
 * Testcontainers' own stop removes the container and a new one would get another port.
 */
public final class RestartableRedis implements AutoCloseable {

  /** The label that marks this test run's containers, and only them. */
  public static final String RUN_LABEL = "io.prescal.test.run";

  private final GenericContainer<?> container;
  private final int port;

  @SuppressWarnings("resource")
  public RestartableRedis() {
    port = freePort();
    container =
        RedisContainers.redis()
            .withLabel(RUN_LABEL, "dashboard-" + UUID.randomUUID())
            .withCreateContainerCmdModifier(
                cmd ->
                    cmd.getHostConfig()
                        .withPortBindings(
                            new PortBinding(
                                Ports.Binding.bindIpAndPort("127.0.0.1", port),
                                ExposedPort.tcp(RedisContainers.PORT))));
    container.start();
  }

  /** {@code redis://127.0.0.1:<port>}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Stops the container: Redis goes away, the port closes. */
  public void stop() {
    docker().stopContainerCmd(container.getContainerId()).withTimeout(2).exec();
  }

  /** Starts it again on the same port and waits until it accepts connections. */
  public void start() {
    docker().startContainerCmd(container.getContainerId()).exec();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      try (Socket s = new Socket("127.0.0.1", port)) {
        s.getOutputStream().write("PING\r\n".getBytes());
        byte[] reply = new byte[7];
        if (s.getInputStream().read(reply) > 0 && new String(reply).startsWith("+PONG")) {
          return;
        }
      } catch (IOException e) {
        // not yet
      }
      sleep(100);
    }
    throw new IllegalStateException("Redis did not come back on port " + port + " within 30 s");
  }

  @Override
  public void close() {
    container.stop();
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
