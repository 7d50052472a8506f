package io.prescal.event.ingest;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Starts the subscription in the background and retries with backoff while Redis cannot be reached,
 * so prescal-event starts (and reports itself DOWN on health) without Redis instead of failing.
 * Once subscribed, Lettuce resubscribes by itself after a reconnection.
 */
public final class SubscriptionStarter implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(SubscriptionStarter.class);
  private static final Duration MAX_DELAY = Duration.ofSeconds(5);

  private final RedisMessageListenerContainer container;
  private ScheduledExecutorService retries;
  private volatile boolean running;

  public SubscriptionStarter(RedisMessageListenerContainer container) {
    this.container = container;
  }

  private void attempt(int failures) {
    if (!running) {
      return;
    }
    try {
      container.start();
      if (failures > 0) {
        LOG.info("subscribed after {} failed attempts", failures);
      }
    } catch (RuntimeException e) {
      if (failures == 0) {
        LOG.warn("cannot subscribe yet ({}); retrying with backoff", e.getMessage());
      }
      container.stop();
      long delay = Math.min(MAX_DELAY.toMillis(), 100L << Math.min(failures, 10));
      retries.schedule(() -> attempt(failures + 1), delay, TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void start() {
    running = true;
    retries =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("prescal-subscribe").daemon().factory());
    retries.execute(() -> attempt(0));
  }

  @Override
  public void stop() {
    running = false;
    retries.shutdownNow();
    container.stop();
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
