package io.prescal.proxy.config;

/**
 * Request limits.
 *
 * @param maxHeaderBytes all header lines of a request together; beyond: 431
 * @param maxUriBytes the request line; beyond: 414
 * @param maxBodyBytes the body; beyond: 413 (0: no limit)
 */
public record LimitsConfig(int maxHeaderBytes, int maxUriBytes, long maxBodyBytes) {}
