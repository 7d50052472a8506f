package io.prescal.proxy.config;

import java.time.Duration;

/**
 * Active health checks: a GET to each backend every interval.
 *
 * @param path the path probed
 * @param interval time between probes of one backend
 * @param timeout a probe without a status line by then fails
 * @param rise consecutive passes that bring an unhealthy backend back
 * @param fall consecutive failures that take a healthy backend out
 */
public record HealthCheckConfig(
    String path, Duration interval, Duration timeout, int rise, int fall) {}
