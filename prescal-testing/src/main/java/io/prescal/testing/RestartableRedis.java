package io.prescal.testing;

import com.github.dockerjava.api.DockerClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;

/**
 * A test Redis that can be stopped and started again on the same loopback port, for real outages:
 * Testcontainers' own stop removes the container, and a new one would get another port. Like {@link
 * RedisExtension}, it starts on first use and, registered on a static field, is removed after the
 * last test of the class:
 *
 * <pre>{@code
 * @RegisterExtension static final RestartableRedis REDIS = new RestartableRedis("outage");
 * }</pre>
 */
public final class RestartableRedis implements AfterAllCallback, AutoCloseable {

  private static final Duration START_WAIT = Duration.ofSeconds(30);

  private final String run;
  private final int port;
  private GenericContainer<?> container;

  /**
   * @param run names this container in the {@value RedisContainers#RUN_LABEL} label
   */
  public RestartableRedis(String run) {
    this.run = run;
    this.port = RedisContainers.freeLoopbackPort();
  }

  /** {@code redis://127.0.0.1:<port>}, starting the container the first time. */
  public String uri() {
    container();
    return "redis://127.0.0.1:" + port;
  }

  /** The loopback port it keeps across restarts. */
  public int port() {
    return port;
  }

  /** Stops the container: Redis goes away, the port closes. */
  public void stop() {
    docker().stopContainerCmd(container().getContainerId()).withTimeout(2).exec();
  }

  /** Starts it again on the same port and waits until it answers PING. */
  public void start() {
    docker().startContainerCmd(container().getContainerId()).exec();
    Awaitility.await("Redis answering PING again on 127.0.0.1:" + port)
        .atMost(START_WAIT)
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .until(this::answersPing);
  }

  private synchronized GenericContainer<?> container() {
    if (container == null) {
      GenericContainer<?> started = RedisContainers.onLoopbackPort(run, port);
      started.start();
      container = started;
    }
    return container;
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
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Removes the container, if it was started. */
  @Override
  public synchronized void close() {
    if (container != null) {
      container.stop();
      container = null;
    }
  }

  private static DockerClient docker() {
    return DockerClientFactory.instance().client();
  }
}
