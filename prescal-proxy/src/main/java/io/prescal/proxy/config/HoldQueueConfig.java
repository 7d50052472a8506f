package io.prescal.proxy.config;

import java.time.Duration;

/**
 * The hold queue of an autoscaled service: requests that find no ready backend (scale from zero,
 * every backend starting) wait here instead of getting 503 at once.
 *
 * @param size requests that may wait at once; one more gets 503 at once
 * @param waitLimit the longest a request waits; then 503 with Retry-After
 * @param pageAfter how long a browser's request ({@code Accept: text/html}) waits before it gets a
 *     self-refreshing "starting" page instead; {@link Duration#ZERO} for never
 */
public record HoldQueueConfig(int size, Duration waitLimit, Duration pageAfter) {

  /** 1000 requests for up to 30 s; browsers get the page after 1 s. */
  public static final HoldQueueConfig DEFAULTS =
      new HoldQueueConfig(1000, Duration.ofSeconds(30), Duration.ofSeconds(1));

  /** Whether browsers get the "starting" page at all. */
  public boolean pages() {
    return !pageAfter.isZero();
  }
}
