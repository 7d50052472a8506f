package io.prescal.proxy.provider.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.prescal.proxy.provider.BackendExit;
import io.prescal.proxy.provider.ProvidedBackend;
import io.prescal.testing.RequiresDocker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The engine goes away and comes back (through a link the test cuts): the provider says it is
 * unavailable, refuses calls at once, and afterwards reports the container that died meanwhile.
 */
@RequiresDocker
class EngineOutageIT {

  @Test
  void aDeathDuringAnOutageIsReportedWhenTheEngineAnswersAgain() throws Exception {
    List<BackendExit> exits = new CopyOnWriteArrayList<>();
    try (var run = new DockerTestRun();
        var link = new EngineLink();
        var engine = quicklyCheckedEngine(link.host(), Duration.ofMinutes(1));
        var provider = new DockerProvider(engine, "web", run.webServer())) {
      provider.onExit(exits::add);
      assertThat(engine.available()).isTrue();
      ProvidedBackend backend = provider.start().get(60, TimeUnit.SECONDS);

      link.cut();
      await().atMost(Duration.ofSeconds(5)).until(() -> !provider.available());
      assertThat(engine.problem())
          .startsWith("Docker engine at " + link.host() + " does not answer");
      assertThatThrownBy(() -> provider.start().get(5, TimeUnit.SECONDS))
          .cause()
          .isInstanceOf(EngineUnavailableException.class);

      run.engine.client().killContainerCmd(backend.container()).exec(); // while the link is down
      await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(exits::isEmpty);

      link.restore();
      await().atMost(Duration.ofSeconds(10)).until(provider::available);
      await().atMost(Duration.ofSeconds(5)).until(() -> !exits.isEmpty());
      assertThat(exits).hasSize(1);
      assertThat(exits.getFirst().backend()).isEqualTo(backend);
      assertThat(exits.getFirst().exitCode()).isEqualTo(137);

      // And the stream works again: a death after the outage comes at once.
      ProvidedBackend next = provider.start().get(60, TimeUnit.SECONDS);
      run.engine.client().killContainerCmd(next.container()).exec();
      await().atMost(Duration.ofSeconds(2)).until(() -> exits.size() == 2);
      assertThat(exits.get(1).backend()).isEqualTo(next);
    }
  }

  @Test
  void anIdleEventStreamThatTimesOutIsReopenedWithoutLosingADeath() throws Exception {
    List<BackendExit> exits = new CopyOnWriteArrayList<>();
    try (var run = new DockerTestRun();
        var link = new EngineLink();
        // The event stream outlives a 1 s response timeout while idle.
        var engine = quicklyCheckedEngine(link.host(), Duration.ofSeconds(1));
        var provider = new DockerProvider(engine, "web", run.webServer())) {
      provider.onExit(exits::add);
      ProvidedBackend backend = provider.start().get(60, TimeUnit.SECONDS);

      Thread.sleep(3_000); // idle over TCP: the stream hits the read timeout and is reopened
      assertThat(provider.available()).isTrue();
      run.engine.client().killContainerCmd(backend.container()).exec();

      await().atMost(Duration.ofSeconds(2)).until(() -> !exits.isEmpty());
      assertThat(exits).singleElement().extracting(BackendExit::exitCode).isEqualTo(137);
    }
  }

  /** An engine pinged every 200 ms, so that the test sees outages and recoveries quickly. */
  private static DockerEngine quicklyCheckedEngine(String host, Duration responseTimeout) {
    return DockerEngine.connect(
        new DockerEngineSettings(
            host,
            Duration.ofSeconds(2),
            responseTimeout,
            Duration.ofMillis(200),
            Duration.ofMillis(500)));
  }
}
