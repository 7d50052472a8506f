package io.prescal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** A throwaway Redis in a container, from {@link TestImages#redis()}, no persistence. */
public final class RedisContainers {

  /** The port Redis listens on inside the container. */
  public static final int PORT = 6379;

  /** The label that marks a test run's containers: {@code <run>-<pid of the test JVM>}. */
  public static final String RUN_LABEL = "io.prescal.test.run";

  /** A new, not yet started Redis container. */
  @SuppressWarnings("resource")
  public static GenericContainer<?> redis() {
    return new GenericContainer<>(
            DockerImageName.parse(TestImages.redis()).asCompatibleSubstituteFor("redis"))
        .withExposedPorts(PORT)
        .withCommand("redis-server", "--protected-mode", "no", "--save", "", "--appendonly", "no")
        .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
  }

  /** A new, not yet started Redis container labeled {@link #RUN_LABEL} {@code <run>-<pid>}. */
  public static GenericContainer<?> labeled(String run) {
    return redis().withLabel(RUN_LABEL, run + "-" + ProcessHandle.current().pid());
  }

  /**
   * A new, not yet started, labeled Redis container published on {@code 127.0.0.1:hostPort}: after
   * a stop and a start it is where its clients expect it (a mapped port would change).
   */
  public static GenericContainer<?> onLoopbackPort(String run, int hostPort) {
    GenericContainer<?> redis = labeled(run);
    redis.setPortBindings(List.of("127.0.0.1:" + hostPort + ":" + PORT));
    return redis;
  }

  /** The {@code redis://} URI of a started container, on loopback. */
  public static String uri(GenericContainer<?> redis) {
    return "redis://127.0.0.1:" + redis.getMappedPort(PORT);
  }

  /** A loopback port free now, for {@link #onLoopbackPort}. */
  public static int freeLoopbackPort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private RedisContainers() {}
}
