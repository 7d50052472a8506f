package io.prescal.proxy.config;

import java.time.Duration;

/**
 * Passive outlier ejection on live traffic (Envoy's outlier detection).
 *
 * @param enabled whether backends are ejected at all
 * @param consecutive5xx 5xx answers in a row that eject a backend
 * @param consecutiveConnectFailures failed connects in a row that eject a backend
 * @param baseEjectionTime the first ejection's length; each later one is longer by as much
 * @param maxEjectionTime the cap on an ejection's length
 * @param maxEjectionPercent the largest share of a service's backends ejected at once (at least one
 *     may always be)
 */
public record OutlierConfig(
    boolean enabled,
    int consecutive5xx,
    int consecutiveConnectFailures,
    Duration baseEjectionTime,
    Duration maxEjectionTime,
    int maxEjectionPercent) {}
