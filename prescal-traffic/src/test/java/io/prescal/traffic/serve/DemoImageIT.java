package io.prescal.traffic.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Volume;
import io.prescal.testing.RequiresDocker;
import io.prescal.testing.TestImages;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The demo backend image (prescal-traffic/Dockerfile) with its AOT cache: built here as CI and the
 * proxy's tests build it, it serves from the cache it trained at build time, starts without a word
 * from the JVM about the cache, and still starts (without the cache) when its jar no longer
 * matches.
 */
@RequiresDocker
class DemoImageIT {

  private static final String IMAGE =
      "prescal/demo-backend:it-aot-" + Integer.toHexString(ThreadLocalRandom.current().nextInt());
  private static final int PORT = 8080;
  private static final String IN_IMAGE_JAR = "/app/prescal-traffic.jar";

  /** What the JVM prints about a cache it cannot use, e.g. {@code [0.1s][error ][aot] ...}. */
  private static final String CACHE_COMPLAINT = "(?s).*\\[(warning|error) *\\]\\[(aot|cds)\\].*";

  private static DockerClient docker;

  @TempDir Path dir;

  @BeforeAll
  static void buildImage() {
    docker = DockerClientFactory.instance().client();
    File module = new File(".");
    docker
        .buildImageCmd(module)
        .withDockerfile(new File(module, "Dockerfile"))
        .withBuildArg("JRE_IMAGE", TestImages.jre())
        .withTags(Set.of(IMAGE))
        .withPull(false)
        .start()
        .awaitImageId(10, TimeUnit.MINUTES);
  }

  @AfterAll
  static void removeImage() {
    if (docker != null) {
      docker.removeImageCmd(IMAGE).withForce(true).exec();
    }
  }

  @Test
  void servesItsOwnClassesFromTheAotCacheBuiltIntoTheImage() {
    // Logging only: the image's own entrypoint names the cache.
    try (GenericContainer<?> backend =
        backend().withEnv("JDK_JAVA_OPTIONS", "-Xlog:aot -Xlog:class+load")) {
      backend.start();

      String log = backend.getLogs();
      assertThat(log)
          .contains("Opened AOT cache /app/prescal-traffic.aot")
          .contains("Using AOT-linked classes: true")
          .contains("io.prescal.traffic.serve.SyntheticHandler source: shared objects file");
    }
  }

  @Test
  void startsWithoutAWordFromTheJvmAboutItsCache() {
    try (GenericContainer<?> backend = backend()) {
      backend.start();

      assertThat(backend.getLogs())
          .contains("serve: listening on 0.0.0.0:8080")
          .doesNotMatch(CACHE_COMPLAINT);
    }
  }

  @Test
  void startsWithoutTheCacheWhenItsJarNoLongerMatches() throws Exception {
    // The same jar with another modification time: the cache's check of its jar fails.
    Path jar = dir.resolve("prescal-traffic.jar");
    Files.copy(Path.of("target", "prescal-traffic.jar"), jar);
    Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(60)));
    // A plain bind: Testcontainers' own file binds first probe the engine with an image it pulls.
    Bind bind = new Bind(jar.toString(), new Volume(IN_IMAGE_JAR), AccessMode.ro);
    try (GenericContainer<?> backend =
        backend().withCreateContainerCmdModifier(cmd -> cmd.getHostConfig().withBinds(bind))) {
      backend.start();

      assertThat(backend.getLogs())
          .matches(CACHE_COMPLAINT)
          .contains("serve: listening on 0.0.0.0:8080");
    }
  }

  /** The image as the Docker provider runs it: published on loopback, ready when /ready is 200. */
  @SuppressWarnings("resource")
  private static GenericContainer<?> backend() {
    return new GenericContainer<>(DockerImageName.parse(IMAGE))
        .withExposedPorts(PORT)
        .withCreateContainerCmdModifier(
            cmd -> cmd.getHostConfig().withPortBindings(PortBinding.parse("127.0.0.1::" + PORT)))
        .waitingFor(
            Wait.forHttp("/ready").forStatusCode(200).withStartupTimeout(Duration.ofMinutes(2)));
  }
}
