package io.prescal.event.notify;

/**
 * A token bucket: {@code count} sends per {@code period}, at most {@code count} at once. Not
 * thread-safe: one sender thread owns it. Times are {@link System#nanoTime()} readings, passed in
 * so that tests need no clock.
 */
final class RateLimit {

  private final double capacity;
  private final double tokensPerNano;
  private double tokens;
  private long refilledAt;

  RateLimit(int count, long periodNanos, long nowNanos) {
    this.capacity = count;
    this.tokensPerNano = count / (double) periodNanos;
    this.tokens = count;
    this.refilledAt = nowNanos;
  }

  /** Takes a token if one is there and returns 0; else returns how long until one is. */
  long tryTake(long nowNanos) {
    tokens = Math.min(capacity, tokens + (nowNanos - refilledAt) * tokensPerNano);
    refilledAt = nowNanos;
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    return Math.max(1, (long) Math.ceil((1 - tokens) / tokensPerNano));
  }
}
