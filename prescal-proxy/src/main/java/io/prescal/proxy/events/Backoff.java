package io.prescal.proxy.events;

import java.time.Duration;

/**
 * Exponential backoff between reconnection attempts: {@code min}, twice that, ... up to {@code
 * max}.
 */
record Backoff(Duration min, Duration max) {

  /** 100 ms doubling up to 5 s: quick after a blip, gentle during a long outage. */
  static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));

  /** The wait before attempt {@code failures + 1}. */
  Duration delay(int failures) {
    int shift = Math.min(Math.max(failures, 0), 20);
    long millis = min.toMillis() << shift;
    return millis >= max.toMillis() || millis <= 0 ? max : Duration.ofMillis(millis);
  }
}
