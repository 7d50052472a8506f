package io.prescal.proxy.config;

import java.time.Duration;

/**
 * Timeouts.
 *
 * @param connect opening a connection to a backend
 * @param responseHeader from sending the request to the backend's status line; then 504
 * @param clientIdle a keep-alive client connection with no request in progress
 * @param upstreamIdle a pooled backend connection unused this long is closed
 * @param shutdownGrace how long a shutdown waits for requests in flight
 * @param requestHead a client's whole request head must arrive within this from its first byte;
 *     then 408 and the connection closes
 */
public record TimeoutConfig(
    Duration connect,
    Duration responseHeader,
    Duration clientIdle,
    Duration upstreamIdle,
    Duration shutdownGrace,
    Duration requestHead) {}
