package io.prescal.proxy.events;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The publisher's counters, for the proxy's status page and Prometheus metrics.
 *
 * @param published messages that reached Redis
 * @param dropped messages dropped (oldest first) because the queue was full, since start
 * @param queued messages waiting now
 * @param connected whether the last attempt to publish reached Redis
 * @param subscribed whether the command subscription is in place
 * @param commandsAccepted operator commands read on {@code prescal:commands} and applied
 * @param commandsRejected messages read on {@code prescal:commands} and refused, by reason (every
 *     reason, 0 when none): {@code oversized}, {@code malformed}, {@code unsigned}, {@code
 *     bad_signature}, {@code stale}, {@code replayed}, ...
 */
public record PublisherStats(
    long published,
    long dropped,
    int queued,
    boolean connected,
    boolean subscribed,
    long commandsAccepted,
    Map<String, Long> commandsRejected) {

  /** Compact constructor: an immutable copy, in the given order. */
  public PublisherStats {
    commandsRejected = Collections.unmodifiableMap(new LinkedHashMap<>(commandsRejected));
  }
}
