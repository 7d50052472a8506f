package io.prescal.event.aggregate;

import io.prescal.common.event.ProxyStatus;
import io.prescal.common.event.ServiceState;
import java.util.List;

/**
 * What one tick of the {@link Aggregator} gives.
 *
 * @param services every known service, sorted by name
 * @param proxies every proxy instance heard from and not forgotten
 * @param points history points to write: one per live service per second, and per-minute points
 *     when a minute ended
 */
public record Tick(
    List<ServiceState> services, List<ProxyStatus> proxies, List<SeriesPoint> points) {}
