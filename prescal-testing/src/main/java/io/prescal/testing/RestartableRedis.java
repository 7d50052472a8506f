package io.prescal.testing;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A test Redis that can be stopped and started again on the same loopback port, for real outages:
 * Testcontainers' own stop removes the container, and a new one would get another port. Started
 * when made; {@link #close()} removes it.
 */
public final class RestartableRedis implements AutoCloseable {

  private static final Duration START_WAIT = Duration.ofSeconds(30);

  private final GenericContainer<?> container;
  private final int port;

  /**
   * @param run names this container in the {@value RedisContainers#RUN_LABEL} label
   */
  public RestartableRedis(String run) {
    port = RedisContainers.freeLoopbackPort();
    container = RedisContainers.onLoopbackPort(run, port);
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

  /** Starts it again on the same port and waits until it answers PING. */
  public void start() {
    docker().startContainerCmd(container.getContainerId()).exec();
    Awaitility.await("Redis answering PING again on 127.0.0.1:" + port)
        .atMost(START_WAIT)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(this::answersPing);
  }

  private boolean answersPing() throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      byte[] reply = new byte[7];
      int n = s.getInputStream().read(reply);
      return n > 0 && new String(reply, 0, n, StandardCharsets.US_ASCII).startsWith("+PONG");
    }
  }

  @Override
  public void close() {
    container.stop();
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }
}
