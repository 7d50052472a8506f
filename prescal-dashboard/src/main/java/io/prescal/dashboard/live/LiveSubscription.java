package io.prescal.dashboard.live;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * Starts the process's one subscription once Redis answers, not at startup: Spring Data Redis'
 * container refuses to start (and would stop the whole dashboard from starting) while Redis cannot
 * be reached. {@link RedisLink} calls {@link #startIfNeeded()} after every answered probe; once
 * running, the container itself resubscribes after later outages.
 */
public final class LiveSubscription {

  private static final Logger LOG = LoggerFactory.getLogger(LiveSubscription.class);

  private final RedisMessageListenerContainer container;
  private boolean warned;

  /**
   * @param container the subscription, built with auto-startup off
   */
  public LiveSubscription(RedisMessageListenerContainer container) {
    this.container = container;
  }

  /** Subscribes unless already subscribed; a failure is logged once and tried again next time. */
  public synchronized void startIfNeeded() {
    if (container.isRunning()) {
      return;
    }
    try {
      container.start();
      if (warned) {
        LOG.info("subscribed to the live channels");
      }
      warned = false;
    } catch (RuntimeException e) {
      if (!warned) {
        LOG.warn(
            "cannot subscribe to the live channels yet ({}); trying again every second",
            RedisLink.describe(e));
        warned = true;
      }
      // A failed start may leave the container half started; stop it so the next try is clean.
      try {
        container.stop();
      } catch (RuntimeException ignored) {
        // Nothing more to undo: the next start begins from scratch.
      }
    }
  }

  /** Whether the subscription is running (Redis answered at least once since start). */
  public boolean running() {
    return container.isRunning();
  }
}
