package io.prescal.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.Channels;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.ProxyStopping;
import io.prescal.common.event.PublisherRecovered;
import io.prescal.testing.EventRecorder;
import io.prescal.testing.RedisSentinels;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The proxy's publisher given a {@code redis-sentinel://} address follows a failover: a real
 * master, replica and three Sentinels on loopback; the master is killed while the proxy publishes
 * an event every 5 ms; it reconnects to the promoted replica by itself, says so in a {@code
 * publisher.recovered} event (outage length, messages it dropped), and events flow again. What a
 * subscriber missed is counted here and printed.
 */
class SentinelFailoverIT {

  @Test
  void thePublisherReconnectsToTheNewMasterAndReportsTheOutage() throws Exception {
    try (RedisSentinels redis = RedisSentinels.start("prescal-main");
        RedisEventPipeline pipeline =
            RedisEventPipeline.start(
                RedisSettings.of(redis.uri())
                    .withInstanceId("proxy-sentinel")
                    .withMetricsInterval(Duration.ofHours(1)),
                interval -> new MetricsSnapshot(interval, List.of()),
                (service, command) -> "ok");
        EventRecorder recorder = new EventRecorder(redis.uri(), Channels.EVENTS)) {
      AtomicInteger sent = new AtomicInteger();
      AtomicBoolean running = new AtomicBoolean(true);
      Thread publisher =
          Thread.ofPlatform()
              .start(
                  () -> {
                    while (running.get()) {
                      pipeline.publish(null, new ProxyStopping("e" + sent.incrementAndGet()));
                      try {
                        Thread.sleep(5);
                      } catch (InterruptedException e) {
                        return;
                      }
                    }
                  });
      try {
        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> recorder.of(ProxyStopping.class).size() > 100);

        redis.killMaster();
        redis.awaitFailover();

        EventRecorder.Received recovered =
            recorder.await(PublisherRecovered.class, r -> true, Duration.ofSeconds(60));
        PublisherRecovered report = (PublisherRecovered) recovered.envelope().data();
        assertThat(report.outageMillis()).isPositive();
        int afterRecovery = sent.get();
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> received(recorder).stream().anyMatch(n -> n > afterRecovery + 100));
        assertThat(pipeline.stats().connected()).isTrue();
      } finally {
        running.set(false);
        publisher.join();
      }
      Set<Integer> got = received(recorder);
      int last = got.stream().mapToInt(Integer::intValue).max().orElse(0);
      long missing = 0;
      for (int i = 1; i <= last; i++) {
        if (!got.contains(i)) {
          missing++;
        }
      }
      System.out.printf(
          "sentinel failover (proxy): %d events published, %d received up to #%d, %d missing;"
              + " the publisher reported %s%n",
          sent.get(),
          got.size(),
          last,
          missing,
          recorder.of(PublisherRecovered.class).stream()
              .map(r -> r.envelope().data().toString())
              .toList());
    }
  }

  private static Set<Integer> received(EventRecorder recorder) {
    Set<Integer> numbers = new HashSet<>();
    for (EventRecorder.Received r : recorder.of(ProxyStopping.class)) {
      numbers.add(Integer.parseInt(((ProxyStopping) r.envelope().data()).reason().substring(1)));
    }
    return numbers;
  }
}
