package io.prescal.proxy.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.prescal.testing.TestImages;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The Docker side of an autoscaling IT: the demo backend image ({@code prescal-traffic serve},
 * built once per test run from prescal-traffic's Dockerfile and jar), an owner label unique to the
 * test, and clean-up of exactly that owner's containers.
 */
public final class DemoBackends implements AutoCloseable {

  /** The image the ITs run. */
  public static final String IMAGE = "prescal/demo-backend:it";

  private static final Path CONTEXT = Path.of("..", "prescal-traffic");
  private static boolean built;

  /** The owner label of this test's containers. */
  public final String owner =
      "prescal-it-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());

  private final DockerClient client = client();

  /** A fixture for one test; builds the image first if this run has not yet. */
  public DemoBackends() {
    build(client);
  }

  /** prescal-traffic's jar (the demo backend), or a one-line failure saying how to build it. */
  public static Path jar() {
    Path jar = CONTEXT.resolve("target/prescal-traffic.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar.toAbsolutePath().normalize()
              + " is missing: build it first (./mvnw -pl prescal-traffic -am package -DskipTests;"
              + " a full ./mvnw verify builds it before prescal-proxy)");
    }
    return jar;
  }

  private static synchronized void build(DockerClient client) {
    if (built) {
      return;
    }
    jar();
    File context = CONTEXT.toFile();
    client
        .buildImageCmd(context)
        .withDockerfile(new File(context, "Dockerfile"))
        .withBuildArg("JRE_IMAGE", TestImages.jre())
        .withTags(Set.of(IMAGE))
        .withPull(false)
        .start()
        .awaitImageId(5, TimeUnit.MINUTES);
    built = true;
  }

  /** This test's containers, running or not. */
  public List<Container> containers() {
    return client
        .listContainersCmd()
        .withShowAll(true)
        .withLabelFilter(Map.of("io.prescal.owner", owner))
        .exec();
  }

  /** This test's running containers. */
  public List<Container> running() {
    return containers().stream().filter(c -> "running".equals(c.getState())).toList();
  }

  /** {@code docker kill}: SIGKILL, as a crash or the OOM killer would. */
  public void kill(String containerId) {
    client.killContainerCmd(containerId).exec();
  }

  @Override
  public void close() throws IOException {
    for (Container c : containers()) {
      try {
        client.removeContainerCmd(c.getId()).withForce(true).exec();
      } catch (RuntimeException gone) {
        // removed by the proxy meanwhile
      }
    }
    client.close();
  }

  private static DockerClient client() {
    var config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
    var http =
        new ApacheDockerHttpClient.Builder()
            .dockerHost(config.getDockerHost())
            .sslConfig(config.getSSLConfig())
            .build();
    return DockerClientImpl.getInstance(config, http);
  }
}
