package io.prescal.event.aggregate;

/**
 * What the {@link Aggregator} tracks against its limits.
 *
 * @param proxies proxy instances tracked now
 * @param maxProxies the most tracked at once ({@code prescal.event.limits.max-proxies})
 * @param proxiesRefused new proxy names refused since start because the limit was reached
 * @param services services tracked now
 * @param maxServices the most tracked at once ({@code prescal.event.limits.max-services})
 * @param servicesRefused new service names refused since start because the limit was reached
 * @param servicesForgotten services forgotten since start, nothing heard of them for {@code
 *     forget-after}
 */
public record AggregatorBounds(
    int proxies,
    int maxProxies,
    long proxiesRefused,
    int services,
    int maxServices,
    long servicesRefused,
    long servicesForgotten) {}
