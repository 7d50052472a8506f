package io.prescal.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.model.Container;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker engine through docker-java, the way the proxy drives it: a labeled container from the
 * JRE image runs, is found by its labels, and is removed.
 */
@RequiresDocker
class DockerEngineIT {

  @Test
  void labeledContainerFromTheJreImageRunsAndIsFoundByLabel() throws Exception {
    DockerClient docker = DockerClientFactory.instance().client();
    String label = "io.prescal.test.run";
    String run = Long.toString(System.nanoTime());
    CreateContainerResponse created =
        docker
            .createContainerCmd(TestImages.jre())
            .withCmd("java", "-version")
            .withLabels(Map.of("io.prescal.managed", "true", label, run))
            .exec();
    try {
      docker.startContainerCmd(created.getId()).exec();
      Integer exit =
          docker.waitContainerCmd(created.getId()).start().awaitStatusCode(60, TimeUnit.SECONDS);
      assertThat(exit).as("java -version in %s", TestImages.jre()).isZero();

      List<Container> found =
          docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(label, run)).exec();
      assertThat(found).extracting(Container::getId).containsExactly(created.getId());
    } finally {
      docker.removeContainerCmd(created.getId()).withForce(true).exec();
    }
    assertThat(
            docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(label, run)).exec())
        .isEmpty();
  }
}
