package io.prescal.proxy.provider.docker;

import static io.prescal.proxy.provider.BackendRequests.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.ExposedPort;
import io.prescal.common.event.BackendKind;
import io.prescal.proxy.provider.BackendExit;
import io.prescal.proxy.provider.ProvidedBackend;
import io.prescal.proxy.provider.ReadinessProbe;
import io.prescal.proxy.provider.ReadinessSettings;
import io.prescal.testing.RequiresDocker;
import io.prescal.testing.TestImages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Docker provider against the real engine, with the JRE image's simple web server. */
@RequiresDocker
class DockerProviderIT {

  private final DockerTestRun run = new DockerTestRun();
  private final ReadinessProbe probe = new ReadinessProbe(ReadinessSettings.defaults());
  private final List<BackendExit> exits = new CopyOnWriteArrayList<>();
  private final List<DockerProvider> providers = new CopyOnWriteArrayList<>();

  @AfterEach
  void cleanUp() {
    providers.forEach(DockerProvider::close);
    probe.close();
    run.close();
  }

  @Test
  void startPublishesOnLoopbackWithLabelsAndStopRemovesTheContainer() throws Exception {
    var provider = provider(run.webServer());

    ProvidedBackend backend = provider.start().get(60, TimeUnit.SECONDS);
    probe.awaitReady(backend).get(60, TimeUnit.SECONDS);

    assertThat(backend.kind()).isEqualTo(BackendKind.DOCKER);
    assertThat(backend.address().getHostString()).isEqualTo("127.0.0.1");
    assertThat(backend.id()).matches("web-[0-9a-f]{6}");
    assertThat(get(backend)).isEqualTo(200);
    var inspected = run.engine.client().inspectContainerCmd(backend.container()).exec();
    assertThat(inspected.getName()).isEqualTo("/" + run.owner + "-" + backend.id());
    assertThat(inspected.getConfig().getLabels())
        .containsEntry("io.prescal.managed", "true")
        .containsEntry("io.prescal.service", "web")
        .containsEntry("io.prescal.owner", run.owner)
        .containsEntry("io.prescal.backend", backend.id());
    var bindings =
        inspected.getHostConfig().getPortBindings().getBindings().get(ExposedPort.tcp(8080));
    assertThat(bindings).extracting(b -> b.getHostIp()).containsExactly("127.0.0.1");

    provider.stop(backend, Duration.ofSeconds(5)).get(60, TimeUnit.SECONDS);

    assertThatThrownBy(() -> run.engine.client().inspectContainerCmd(backend.container()).exec())
        .isInstanceOf(NotFoundException.class);
    Thread.sleep(500); // a death report would come from the event stream
    assertThat(exits).isEmpty();
  }

  @Test
  void theEnginesOwnMemoryRefusesAContainerLargerThanItAndStartsNothing() throws Exception {
    long memTotal = run.engine.memTotal();
    assertThat(memTotal).as("docker info MemTotal").isPositive();
    var provider = provider(run.webServer());
    var huge = provider.headroom(2 * memTotal);

    var room =
        huge.room(
            new io.prescal.proxy.provider.Headroom.Demand(
                "web", 1, 0, 0, 2 * memTotal, 512L << 20, 8));

    assertThat(room.fits()).isZero();
    assertThat(room.shortOf())
        .startsWith("no room on the Docker engine at " + run.engine.host())
        .contains("(MemTotal)");
    assertThat(run.containers()).isEmpty();
    // A container that fits is let through, and counts on the engine once it runs.
    var small = new io.prescal.proxy.provider.Headroom.Demand("web", 1, 0, 0, 64L << 20, 0, 8);
    assertThat(huge.room(small).fits()).isEqualTo(1);
    ProvidedBackend backend = provider.start().get(60, TimeUnit.SECONDS);
    assertThat(run.engine.reserved()).isEqualTo(64L << 20);
    provider.stop(backend, Duration.ofSeconds(5)).get(60, TimeUnit.SECONDS);
    assertThat(run.engine.reserved()).isZero();
  }

  @Test
  void aRestartedProxyAdoptsItsContainersAndClearsDeadLeftovers() throws Exception {
    var first = provider(run.webServer());
    ProvidedBackend a = first.start().get(60, TimeUnit.SECONDS);
    ProvidedBackend b = first.start().get(60, TimeUnit.SECONDS);
    ProvidedBackend dead = first.start().get(60, TimeUnit.SECONDS);
    first.close();
    run.engine.client().stopContainerCmd(dead.container()).withTimeout(1).exec();

    var second = provider(run.webServer());
    List<ProvidedBackend> adopted = second.adopt().get(60, TimeUnit.SECONDS);

    assertThat(adopted)
        .extracting(ProvidedBackend::id, ProvidedBackend::container, ProvidedBackend::address)
        .containsExactlyInAnyOrder(
            tuple(a.id(), a.container(), a.address()), tuple(b.id(), b.container(), b.address()));
    assertThat(run.containers())
        .extracting(Container::getId)
        .containsExactlyInAnyOrder(a.container(), b.container()); // no orphan, no duplicate
    assertThat(second.adopt().get(60, TimeUnit.SECONDS)).hasSize(2);

    // Another owner's provider for the same service adopts none of them.
    var stranger =
        provider(
            new DockerSettings(
                TestImages.jre(),
                8080,
                null,
                null,
                null,
                0,
                null,
                null,
                null,
                run.owner + "-other"));
    assertThat(stranger.adopt().get(60, TimeUnit.SECONDS)).isEmpty();

    // Adopted backends are watched like started ones.
    run.engine.client().killContainerCmd(a.container()).exec();
    await().atMost(Duration.ofSeconds(5)).until(() -> !exits.isEmpty());
    assertThat(exits.getFirst().backend().id()).isEqualTo(a.id());
  }

  @Test
  void theReadinessProbeWaitsForASlowStarter() throws Exception {
    var provider =
        provider(
            run.withCommand(
                List.of("sh", "-c", "sleep 3; exec java -m jdk.httpserver -b 0.0.0.0 -p 8080")));

    ProvidedBackend backend = provider.start().get(60, TimeUnit.SECONDS);
    var ready = probe.awaitReady(backend);

    Thread.sleep(1_500);
    assertThat(ready).isNotDone(); // the port is published, but nothing answers yet
    ready.get(60, TimeUnit.SECONDS);
    assertThat(get(backend)).isEqualTo(200);
  }

  @Test
  void dockerKillIsReportedAsAnExitWithinTwoSeconds() throws Exception {
    var provider = provider(run.webServer());
    ProvidedBackend backend = provider.start().get(60, TimeUnit.SECONDS);
    probe.awaitReady(backend).get(60, TimeUnit.SECONDS);

    run.engine.client().killContainerCmd(backend.container()).exec();

    await().atMost(Duration.ofSeconds(2)).until(() -> !exits.isEmpty());
    BackendExit exit = exits.getFirst();
    assertThat(exit.backend()).isEqualTo(backend);
    assertThat(exit.exitCode()).isEqualTo(137);
    assertThat(exit.oomKilled()).isFalse();
    assertThat(exit.reason())
        .isEqualTo(
            "container "
                + run.owner
                + "-"
                + backend.id()
                + " was killed by signal 9 (exit code 137)");
    await().atMost(Duration.ofSeconds(10)).until(() -> run.containers().isEmpty()); // removed
  }

  @Test
  void anOomKillIsReportedAsSuch() throws Exception {
    var settings =
        new DockerSettings(
            TestImages.jre(),
            8080,
            List.of("sh", "-c", "sleep 2; exec java -Xms300m -XX:+AlwaysPreTouch -version"),
            Map.of(),
            Map.of(),
            0,
            "64m",
            null,
            AddressMode.HOST,
            run.owner);
    var provider = provider(settings);

    ProvidedBackend backend = provider.start().get(60, TimeUnit.SECONDS);

    await().atMost(Duration.ofSeconds(30)).until(() -> !exits.isEmpty());
    BackendExit exit = exits.getFirst();
    assertThat(exit.backend()).isEqualTo(backend);
    assertThat(exit.oomKilled()).isTrue();
    assertThat(exit.exitCode()).isEqualTo(137);
    assertThat(exit.reason())
        .endsWith(" was killed for running out of memory (limit 64m; OOM, exit code 137)");
  }

  @Test
  void limitsEnvironmentAndExtraLabelsReachTheContainer() throws Exception {
    var settings =
        new DockerSettings(
            TestImages.jre(),
            8080,
            DockerTestRun.WEB_SERVER,
            Map.of("GREETING", "hello"),
            Map.of("team", "web"),
            0.5,
            "256m",
            null,
            AddressMode.HOST,
            run.owner);
    ProvidedBackend backend = provider(settings).start().get(60, TimeUnit.SECONDS);

    var inspected = run.engine.client().inspectContainerCmd(backend.container()).exec();
    assertThat(inspected.getHostConfig().getNanoCPUs()).isEqualTo(500_000_000L);
    assertThat(inspected.getHostConfig().getMemory()).isEqualTo(256L << 20);
    assertThat(inspected.getConfig().getEnv()).contains("GREETING=hello");
    assertThat(inspected.getConfig().getLabels()).containsEntry("team", "web");
  }

  @Test
  void networkModeUsesTheContainersAddressOnTheSharedNetwork() throws Exception {
    String network = run.owner + "-net";
    String networkId = run.engine.client().createNetworkCmd().withName(network).exec().getId();
    try {
      var settings =
          new DockerSettings(
              TestImages.jre(),
              8080,
              DockerTestRun.WEB_SERVER,
              null,
              null,
              0,
              null,
              network,
              AddressMode.NETWORK,
              run.owner);
      ProvidedBackend backend = provider(settings).start().get(60, TimeUnit.SECONDS);

      var inspected = run.engine.client().inspectContainerCmd(backend.container()).exec();
      String ip = inspected.getNetworkSettings().getNetworks().get(network).getIpAddress();
      assertThat(backend.addressText()).isEqualTo(ip + ":8080");
      var published = inspected.getHostConfig().getPortBindings();
      assertThat(published == null ? Map.of() : published.getBindings()).isEmpty();
      // No traffic to it: tests only aim at loopback.
    } finally {
      run.containers().forEach(c -> run.engine.removeQuietly(c.getId()));
      run.engine.client().removeNetworkCmd(networkId).exec();
    }
  }

  @Test
  void aMissingImageFailsTheStartWithTheFix() {
    var settings =
        new DockerSettings(
            "prescal/no-such-image:0", 8080, null, null, null, 0, null, null, null, run.owner);

    assertThatThrownBy(() -> provider(settings).start().get(60, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause()
        .hasMessage(
            "image prescal/no-such-image:0 is not on the Docker engine at "
                + run.engine.host()
                + ": build it or docker pull it first (Prescal does not pull images)");
    assertThat(run.containers()).isEmpty();
  }

  private DockerProvider provider(DockerSettings settings) {
    var provider = new DockerProvider(run.engine, "web", settings);
    provider.onExit(exits::add);
    providers.add(provider);
    return provider;
  }
}
