package io.prescal.event.it;

import static io.prescal.event.it.FakeProxy.latencies;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.event.BackendReady;
import io.prescal.event.EventApplication;
import io.prescal.testing.RedisSentinels;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * prescal-event and a proxy, both given a {@code redis-sentinel://} address, through a failover:
 * real master, replica and three Sentinels on loopback; the master is killed while the proxy
 * publishes metrics every second. The service's health goes DOWN and back UP, its subscription
 * comes back on the promoted replica (an event published after the failover reaches its log), and
 * the loss is counted ({@code prescal_event_subscription_lost_total}).
 */
class SentinelFailoverEventIT {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void theServiceFollowsTheFailoverAndCountsTheLoss() {
    try (RedisSentinels redis = RedisSentinels.start("prescal-main");
        FakeProxy proxy =
            new FakeProxy(
                redis.uri(),
                "proxy-s",
                "web",
                "w-1",
                new FakeProxy.Traffic(10, 0, latencies(10, 5)));
        ConfigurableApplicationContext app =
            new SpringApplicationBuilder(EventApplication.class)
                .run("--server.port=0", "--prescal.redis.url=" + redis.uri())) {
      int port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
      await().atMost(WAIT).until(() -> Http.get(port, "/api/services").json().size() == 1);
      proxy.pipeline.publish("web", new BackendReady("w-1", "127.0.0.1:9", 7));
      await()
          .atMost(WAIT)
          .until(() -> Http.get(port, "/api/events?type=backend.ready").json().size() == 1);

      redis.killMaster();
      redis.awaitFailover();

      await().atMost(WAIT).until(() -> Http.get(port, "/actuator/health").status() == 200);
      await()
          .atMost(WAIT)
          .until(
              () -> {
                proxy.pipeline.publish("web", new BackendReady("w-2", "127.0.0.1:10", 8));
                return Http.get(port, "/api/events?type=backend.ready").json().size() >= 2;
              });
      String metrics = Http.get(port, "/actuator/prometheus").body();
      assertThat(metrics)
          .containsPattern("prescal_event_subscription_lost_total(\\{[^}]*\\})? [1-9]");
    }
  }
}
