package io.prescal.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.prescal.common.scaling.ScalingBounds;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proxy-wide {@code scaling:} section and the bounds each autoscaled service gets from it. */
class ScalingBoundsConfigTest {

  private static final String SERVICES =
      """
      services:
        - name: app
          provider: {type: docker, image: demo:1, memory: 1g}
          autoscale: {max: 8}
        - name: big
          pathPrefix: /big
          provider: {type: docker, image: demo:1, memoryPerBackend: 2g}
        - name: plain
          pathPrefix: /plain
          provider: {type: docker, image: demo:1}
        - name: web
          pathPrefix: /web
          provider: {type: process, command: [serve, "{port}"], memoryPerBackend: 300m}
        - name: local
          pathPrefix: /local
          provider: {type: process, command: [serve, "{port}"]}
      """;

  @Test
  void withoutAScalingSectionDockerGets50AndProcess16FourStartsAtOnce() throws Exception {
    ProxyConfig config = ConfigLoader.parse(SERVICES, "t");
    assertThat(config.scaling()).isEqualTo(ScalingConfig.DEFAULTS);
    assertThat(bounds(config, "app")).isEqualTo(new ScalingBounds("docker", 50, 4, 1L << 30));
    assertThat(bounds(config, "big")).isEqualTo(new ScalingBounds("docker", 50, 4, 2L << 30));
    assertThat(bounds(config, "plain")).isEqualTo(new ScalingBounds("docker", 50, 4, 256L << 20));
    assertThat(bounds(config, "web")).isEqualTo(new ScalingBounds("process", 16, 4, 300L << 20));
    assertThat(bounds(config, "local")).isEqualTo(new ScalingBounds("process", 16, 4, 256L << 20));
    assertThat(config.scaling().memoryReserve()).isEqualTo(512L << 20);
    assertThat(config.scaling().maxLoadPerCpu()).isEqualTo(8);
  }

  @Test
  void oneCeilingForEveryProviderOrOneEach() throws Exception {
    ProxyConfig one =
        ConfigLoader.parse(
            "scaling: {maxReplicas: 8, maxConcurrentStarts: 2, memoryPerBackend: 128m,"
                + " memoryReserve: 1g, maxLoadPerCpu: 2.5}\n"
                + SERVICES,
            "t");
    assertThat(bounds(one, "plain")).isEqualTo(new ScalingBounds("docker", 8, 2, 128L << 20));
    assertThat(bounds(one, "local")).isEqualTo(new ScalingBounds("process", 8, 2, 128L << 20));
    assertThat(one.scaling().memoryReserve()).isEqualTo(1L << 30);
    assertThat(one.scaling().maxLoadPerCpu()).isEqualTo(2.5);

    ProxyConfig each =
        ConfigLoader.parse("scaling: {maxReplicas: {docker: 20, process: 9}}\n" + SERVICES, "t");
    assertThat(bounds(each, "app").maxReplicas()).isEqualTo(20);
    assertThat(bounds(each, "web").maxReplicas()).isEqualTo(9);
  }

  @Test
  void aMaxAboveTheCeilingIsRefusedWithTheKeyToRaise() {
    assertThat(
            problems(
                """
                services:
                  - name: web
                    provider: {type: process, command: [serve, "{port}"]}
                    autoscale: {max: 1000}
                """))
        .containsExactly(
            "services[0].autoscale.max: 1000 (expected: <= ceiling 16 for the process provider;"
                + " raise scaling.maxReplicas in the proxy's file)");
  }

  @Test
  void aLowerCeilingLowersTheDefaultMaxInsteadOfRefusingIt() throws Exception {
    ProxyConfig config =
        ConfigLoader.parse(
            """
            scaling: {maxReplicas: 3}
            services:
              - name: web
                provider: {type: process, command: [serve, "{port}"]}
            """,
            "t");
    assertThat(config.service("web").autoscale().max()).isEqualTo(3);
  }

  @Test
  void countsThatAreNotWholeNumbersAreRefusedAsTheAdminApiRefusesThem() {
    assertThat(
            problems(
                """
                services:
                  - name: web
                    provider: {type: process, command: [serve, "{port}"]}
                    autoscale: {min: 1.5, max: abc}
                """))
        .containsExactly(
            "services[0].autoscale.min: \"1.5\" (expected: a whole number, e.g. 2)",
            "services[0].autoscale.max: \"abc\" (expected: a whole number, e.g. 2)");
  }

  @Test
  void everyProblemOfTheScalingSectionIsListed() {
    assertThat(
            problems(
                """
                scaling:
                  maxReplicas: {docker: 0, process: 100000, swarm: 3}
                  maxConcurrentStarts: 0
                  memoryPerBackend: lots
                  memoryReserve: -1
                  maxLoadPerCpu: -2
                  maxStarts: 3
                services:
                  - name: web
                    provider: {type: process, command: [serve, "{port}"], memoryPerBackend: 1k}
                """))
        .contains(
            "scaling.maxReplicas.docker: 0 (expected: a whole number from 1 to 10000)",
            "scaling.maxReplicas.process: 100000 (expected: a whole number from 1 to 10000)",
            "scaling.maxConcurrentStarts: 0 (expected: a whole number from 1 to 1000)",
            "scaling.memoryPerBackend: \"lots\" (expected: a size from 1m to 1024g, such as 512m)",
            "scaling.memoryReserve: -1 (expected: a size from 0 to 1024g, such as 512m)",
            "scaling.maxLoadPerCpu: -2 (expected: a number from 0.0 to 10000.0)",
            "services[0].provider.memoryPerBackend: \"1k\" (expected: a size from 1m to 1024g,"
                + " such as 512m)")
        .anyMatch(p -> p.startsWith("scaling.maxReplicas.swarm: unknown key"))
        .anyMatch(p -> p.startsWith("scaling.maxStarts: unknown key"));
    assertThat(problems("scaling: {maxReplicas: many}\n" + SERVICES))
        .containsExactly(
            "scaling.maxReplicas: \"many\" (expected: a whole number from 1 to 10000)");
  }

  @Test
  void aWarmPoolCountsAgainstTheCeilingAndLowersTheDefaultMax() throws Exception {
    ProxyConfig config =
        ConfigLoader.parse(
            """
            scaling: {maxReplicas: 6}
            services:
              - name: web
                provider: {type: process, command: [serve, "{port}"]}
                warmPool: {size: 2}
              - name: api
                pathPrefix: /api
                provider: {type: docker, image: demo:1}
                warmPool: {size: 5}
                autoscale: {max: 1}
            """,
            "t");
    assertThat(config.service("web").warmPoolSize()).isEqualTo(2);
    assertThat(bounds(config, "web")).isEqualTo(new ScalingBounds("process", 6, 4, 256L << 20, 2));
    assertThat(config.service("web").autoscale().max()).isEqualTo(4);
    assertThat(config.service("api").warmPoolSize()).isEqualTo(5);
    assertThat(ConfigLoader.parse(SERVICES, "t").service("web").warmPoolSize()).isZero();
  }

  @Test
  void aWarmPoolThatLeavesNoRoomOrIsNotACountIsRefusedInTheRulesWords() {
    String service =
        """
        scaling: {maxReplicas: 6}
        services:
          - name: web
            provider: {type: process, command: [serve, "{port}"]}
            %s
        """;
    assertThat(problems(service.formatted("warmPool: {size: 2}\n    autoscale: {max: 5}")))
        .containsExactly(
            "services[0].autoscale.max: 5 (expected: <= 4: ceiling 6 for the process provider"
                + " less warmPool.size 2; raise scaling.maxReplicas in the proxy's file or lower"
                + " warmPool.size)");
    assertThat(problems(service.formatted("warmPool: {size: 6}")))
        .containsExactly(
            "services[0].warmPool.size: 6 (expected: <= 5: ceiling 6 for the process provider less"
                + " 1 replica; raise scaling.maxReplicas in the proxy's file)");
    assertThat(problems(service.formatted("warmPool: {size: 1000000}")))
        .containsExactly(
            "services[0].warmPool.size: 1000000 (expected: <= 5: ceiling 6 for the process"
                + " provider less 1 replica; raise scaling.maxReplicas in the proxy's file)");
    assertThat(problems(service.formatted("warmPool: {size: -1}")))
        .containsExactly("services[0].warmPool.size: -1 (expected: >= 0, 0 for none)");
    assertThat(problems(service.formatted("warmPool: {size: 2.5}")))
        .containsExactly("services[0].warmPool.size: \"2.5\" (expected: a whole number, e.g. 2)");
    assertThat(problems(service.formatted("warmPool: {size: abc}")))
        .containsExactly("services[0].warmPool.size: \"abc\" (expected: a whole number, e.g. 2)");
    assertThat(problems(service.formatted("warmPool: 3")))
        .containsExactly("services[0].warmPool: 3 (expected: a mapping of keys to values)");
    assertThat(problems(service.formatted("warmPool: {count: 3}")))
        .singleElement()
        .asString()
        .startsWith("services[0].warmPool.count: unknown key (expected one of: size)");
    assertThat(
            problems(
                """
                services:
                  - name: web
                    backends: [{address: 127.0.0.1:9001}]
                    warmPool: {size: 1}
                """))
        .containsExactly(
            "services[0].warmPool: set for a static service (expected: only with provider type"
                + " docker or process)");
  }

  private static ScalingBounds bounds(ProxyConfig config, String service) {
    return config.service(service).autoscale().bounds();
  }

  private static List<String> problems(String yaml) {
    ConfigException e =
        catchThrowableOfType(ConfigException.class, () -> ConfigLoader.parse(yaml, "t"));
    return e == null ? List.of() : e.problems();
  }
}
