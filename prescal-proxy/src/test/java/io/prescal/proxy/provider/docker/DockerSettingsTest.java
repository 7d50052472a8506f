package io.prescal.proxy.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Docker settings list every problem; sizes read as Docker reads them. */
class DockerSettingsTest {

  @Test
  void everyProblemIsListed() {
    var bad =
        new DockerSettings(
            " ",
            70000,
            List.of(),
            Map.of(),
            Map.of("io.prescal.service", "other"),
            -1,
            "lots",
            null,
            AddressMode.NETWORK,
            "my proxy");

    assertThat(bad.problems())
        .extracting(Object::toString)
        .containsExactly(
            "image:   (expected: an image on the engine)",
            "containerPort: 70000 (expected: 1-65535)",
            "cpus: -1.0 (expected: >= 0 cores, 0 for no limit)",
            "memory: lots (expected: a size of at least 6m, such as 256m or 1g, or none)",
            "network: null (expected: the network shared with the proxy, since addressMode is"
                + " network)",
            "labels: [io.prescal.service] (expected: keys outside io.prescal., which Prescal sets"
                + " itself)",
            "owner: my proxy (expected: letters, digits, '_', '.' or '-')");
  }

  @Test
  void memorySizesReadLikeDocker() {
    assertThat(withMemory("64m").memoryBytes()).isEqualTo(64L << 20);
    assertThat(withMemory("1G").memoryBytes()).isEqualTo(1L << 30);
    assertThat(withMemory("512kb").memoryBytes()).isEqualTo(512L << 10);
    assertThat(withMemory(null).memoryBytes()).isZero();
    assertThat(withMemory("1m").problems()).hasSize(1); // below Docker's 6m minimum
    assertThat(DockerSettings.of("img").problems()).isEmpty();
  }

  private static DockerSettings withMemory(String memory) {
    return new DockerSettings(
        "img", 8080, null, null, null, 0, memory, null, AddressMode.HOST, null);
  }
}
