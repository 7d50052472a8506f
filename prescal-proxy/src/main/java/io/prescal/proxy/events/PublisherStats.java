package io.prescal.proxy.events;

/**
 * The publisher's counters, for the proxy's status page and Prometheus metrics.
 *
 * @param published messages that reached Redis
 * @param dropped messages dropped (oldest first) because the queue was full, since start
 * @param queued messages waiting now
 * @param connected whether the last attempt to publish reached Redis
 * @param subscribed whether the command subscription is in place
 */
public record PublisherStats(
    long published, long dropped, int queued, boolean connected, boolean subscribed) {}
