package io.prescal.proxy.config;

/**
 * Retries: on connect failure (any method: nothing was sent) and on 502/503 or a reset (idempotent
 * methods without a body only), each on a different backend.
 *
 * @param attempts retries per request (0: none)
 * @param budgetPercent retries in progress may not exceed this share of requests in flight
 * @param minConcurrent retries always allowed at once, whatever the traffic
 */
public record RetryConfig(int attempts, double budgetPercent, int minConcurrent) {}
