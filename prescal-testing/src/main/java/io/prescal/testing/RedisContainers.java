package io.prescal.testing;

import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/** A throwaway Redis in a container, from {@link TestImages#redis()}, no persistence. */
public final class RedisContainers {

  /** The port Redis listens on inside the container. */
  public static final int PORT = 6379;

  /** A new, not yet started Redis container. */
  @SuppressWarnings("resource")
  public static GenericContainer<?> redis() {
    return new GenericContainer<>(
            DockerImageName.parse(TestImages.redis()).asCompatibleSubstituteFor("redis"))
        .withExposedPorts(PORT)
        .withCommand("redis-server", "--protected-mode", "no", "--save", "", "--appendonly", "no")
        .waitingFor(Wait.forLogMessage(".*Ready to accept connections.*\\n", 1));
  }

  /** The {@code redis://} URI of a started container, on loopback. */
  public static String uri(GenericContainer<?> redis) {
    return "redis://127.0.0.1:" + redis.getMappedPort(PORT);
  }

  private RedisContainers() {}
}
