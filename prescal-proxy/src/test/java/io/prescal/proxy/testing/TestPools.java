package io.prescal.proxy.testing;

import io.prescal.proxy.balance.Balancers;
import io.prescal.proxy.balance.SlowStart;
import io.prescal.proxy.config.OutlierConfig;
import io.prescal.proxy.config.RetryConfig;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.pool.PoolSettings;
import io.prescal.proxy.pool.ServicePool;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

/** Pools and pool settings for unit tests: round robin, no retries, no outlier ejection. */
public final class TestPools {

  /** Settings with a drain timeout of {@code drainTimeout}. */
  public static PoolSettings settings(Duration drainTimeout) {
    return new PoolSettings(
        Balancers.roundRobin(SlowStart.NONE),
        drainTimeout,
        new RetryConfig(0, 20, 3),
        new OutlierConfig(false, 5, 3, Duration.ofSeconds(1), Duration.ofSeconds(5), 50));
  }

  /** A pool named {@code name} publishing to {@code events}. */
  public static ServicePool pool(
      String name, EventSink events, ScheduledExecutorService scheduler) {
    return new ServicePool(name, settings(Duration.ofSeconds(1)), events, scheduler);
  }

  private TestPools() {}
}
