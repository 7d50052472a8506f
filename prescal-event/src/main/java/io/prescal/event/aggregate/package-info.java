/**
 * Aggregation across proxy instances: per-proxy feeds of metrics snapshots, merged once per tick
 * into per-service state (rates summed, latency percentiles from merged histograms, backends
 * counted once), with stale and forgotten proxies, cold starts, scale decisions and the per-second
 * and per-minute history points. Proxy and service names come from outside, so both tables are
 * bounded ({@code limits.max-services}, {@code limits.max-proxies}) and forget what goes quiet.
 * Pure Java, time given by the caller.
 */
package io.prescal.event.aggregate;
