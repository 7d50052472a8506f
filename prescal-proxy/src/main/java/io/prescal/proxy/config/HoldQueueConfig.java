package io.prescal.proxy.config;

import java.time.Duration;

/**
 * The hold queue of an autoscaled service: requests that find no ready backend (scale from zero,
 * every backend starting) wait here instead of getting 503 at once.
 *
 * @param size requests that may wait at once; one more gets 503 at once
 * @param waitLimit the longest a request waits; then 503 with Retry-After
 */
public record HoldQueueConfig(int size, Duration waitLimit) {

  /** 1000 requests for up to 30 s. */
  public static final HoldQueueConfig DEFAULTS = new HoldQueueConfig(1000, Duration.ofSeconds(30));
}
