package io.prescal.common.event;

import java.util.List;

/**
 * The whole system as prescal-event sees it, published once a second on {@code prescal:state}.
 *
 * @param services every service
 * @param proxies every proxy instance heard from
 * @param alerts alerts raised and not cleared
 * @param redisLatencyMillis prescal-event's last round trip to Redis, -1 when unknown
 */
public record StateSnapshot(
    List<ServiceState> services,
    List<ProxyStatus> proxies,
    List<ActiveAlert> alerts,
    double redisLatencyMillis)
    implements PrescalEvent {
  public StateSnapshot {
    services = Require.list(services);
    proxies = Require.list(proxies);
    alerts = Require.list(alerts);
  }
}
