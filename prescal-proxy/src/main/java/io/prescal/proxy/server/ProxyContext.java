package io.prescal.proxy.server;

import io.prescal.proxy.accesslog.AccessLog;
import io.prescal.proxy.pool.OutcomeListener;
import io.prescal.proxy.pool.ServiceRegistry;
import io.prescal.proxy.upstream.UpstreamPool;
import java.util.function.Supplier;

/**
 * What every client connection shares: routes, backend connections, the access log, the passive
 * health listener and the current settings.
 *
 * @param registry host and path to service pool
 * @param upstream pooled backend connections
 * @param accessLog where finished requests go
 * @param outcomes hears each backend outcome (outlier ejection)
 * @param settings the current settings (changes on reload)
 */
public record ProxyContext(
    ServiceRegistry registry,
    UpstreamPool upstream,
    AccessLog accessLog,
    OutcomeListener outcomes,
    Supplier<ProxySettings> settings) {}
