package io.prescal.proxy.balance;

import io.prescal.proxy.config.OutlierConfig;
import io.prescal.proxy.config.RetryConfig;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.pool.PoolSettings;
import io.prescal.proxy.pool.ServicePool;
import java.time.Duration;
import java.util.concurrent.Executors;

/** Pools for unit tests. */
final class TestPools {
  static ServicePool pool() {
    return new ServicePool(
        "t",
        new PoolSettings(
            Balancers.roundRobin(SlowStart.NONE),
            Duration.ofSeconds(1),
            new RetryConfig(0, 20, 3),
            new OutlierConfig(false, 5, 3, Duration.ofSeconds(1), Duration.ofSeconds(5), 50)),
        EventSink.NONE,
        Executors.newSingleThreadScheduledExecutor());
  }

  private TestPools() {}
}
