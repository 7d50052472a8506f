package io.prescal.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.Channels;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ProxyStopping;
import io.prescal.common.event.PublisherRecovered;
import io.prescal.testing.EventRecorder;
import io.prescal.testing.RedisContainers;
import io.prescal.testing.RequiresDocker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

/**
 * A proxy that starts while Redis is away: publishing never blocks, the oldest messages are dropped
 * beyond the queue's capacity, and once Redis is there the drop count is reported.
 */
@RequiresDocker
class RedisOutageIT {

  @Test
  void eventsQueuedDuringAnOutageKeepTheNewestAndTheDropsAreReported() throws Exception {
    int port = RedisContainers.freeLoopbackPort();
    String uri = "redis://127.0.0.1:" + port;
    RedisSettings settings =
        RedisSettings.of(uri)
            .withInstanceId("proxy-outage")
            .withQueueCapacity(5)
            .withMetricsInterval(Duration.ofHours(1));
    GenericContainer<?> redis = RedisContainers.onLoopbackPort("outage", port);

    try (RedisEventPipeline pipeline =
        RedisEventPipeline.start(
            settings,
            interval -> new MetricsSnapshot(interval, List.of()),
            (service, command) -> "ok")) {
      long start = System.nanoTime();
      for (int i = 1; i <= 20; i++) {
        pipeline.publish(null, new ProxyStopping("e" + i));
      }
      // Handing over 20 events to a sink whose Redis is away takes no noticeable time.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
      // A batch being tried goes back to the head of the queue, where it is the oldest.
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> pipeline.stats().dropped() == 15 && pipeline.stats().queued() == 5);
      assertThat(pipeline.stats().connected()).isFalse();

      redis.start();
      try (EventRecorder recorder = new EventRecorder(uri, Channels.EVENTS)) {
        EventRecorder.Received recovered =
            recorder.await(PublisherRecovered.class, r -> true, Duration.ofSeconds(20));
        PublisherRecovered data = (PublisherRecovered) recovered.envelope().data();
        assertThat(data.dropped()).isEqualTo(15);
        assertThat(data.outageMillis()).isPositive();
        assertThat(recovered.envelope().source()).isEqualTo("proxy-outage");

        await()
            .atMost(Duration.ofSeconds(10))
            .until(() -> recorder.of(ProxyStopping.class).size() == 5);
        assertThat(recorder.of(ProxyStopping.class))
            .extracting(r -> ((ProxyStopping) r.envelope().data()).reason())
            .containsExactly("e16", "e17", "e18", "e19", "e20");
        assertThat(pipeline.stats().connected()).isTrue();
      }
    } finally {
      redis.stop();
    }
  }
}
