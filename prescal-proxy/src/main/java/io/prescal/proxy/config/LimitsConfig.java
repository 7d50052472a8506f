package io.prescal.proxy.config;

/**
 * Request and connection limits.
 *
 * @param maxHeaderBytes all header lines of a request together; beyond: 431
 * @param maxUriBytes the request line; beyond: 414
 * @param maxBodyBytes the body; beyond: 413 (0: no limit)
 * @param maxConnections client connections open at once per listener; at the limit the listener
 *     stops accepting until one closes
 * @param maxConnectionsPerClient client connections open at once from one address per listener;
 *     beyond, a new one is closed at once (0: no limit)
 */
public record LimitsConfig(
    int maxHeaderBytes,
    int maxUriBytes,
    long maxBodyBytes,
    int maxConnections,
    int maxConnectionsPerClient) {}
