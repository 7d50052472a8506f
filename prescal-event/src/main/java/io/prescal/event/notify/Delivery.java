package io.prescal.event.notify;

import java.time.Duration;

/**
 * What one attempt to POST a notification came to.
 *
 * @param delivered the receiver answered 2xx
 * @param retryable worth another attempt: no connection, a timeout, 408, 429 or 5xx
 * @param problem what went wrong, in a few words; empty when delivered
 * @param retryAfter the wait a 429 or 503 asked for in {@code Retry-After}, or null
 */
record Delivery(boolean delivered, boolean retryable, String problem, Duration retryAfter) {

  static final Delivery OK = new Delivery(true, false, "", null);

  static Delivery retry(String problem) {
    return new Delivery(false, true, problem, null);
  }

  /** The receiver's answer to a POST. */
  static Delivery answered(int status, String retryAfterHeader) {
    if (status >= 200 && status < 300) {
      return OK;
    }
    String problem = "answered " + status;
    boolean retryable = status == 408 || status == 429 || status >= 500;
    return new Delivery(false, retryable, problem, retryAfter(retryAfterHeader));
  }

  /** {@code Retry-After} in seconds (the HTTP-date form is ignored: the backoff applies). */
  private static Duration retryAfter(String header) {
    if (header == null) {
      return null;
    }
    try {
      long seconds = Long.parseLong(header.strip());
      return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
