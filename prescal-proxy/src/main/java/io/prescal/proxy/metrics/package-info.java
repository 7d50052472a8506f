/**
 * The proxy's figures: {@link io.prescal.proxy.metrics.TrafficWindow} keeps a rolling window and
 * cumulative latency per backend for the admin API, {@link
 * io.prescal.proxy.metrics.PoolMetricsSource} closes one interval per call for the metrics
 * publisher, {@link io.prescal.proxy.metrics.PrometheusText} and {@link
 * io.prescal.proxy.metrics.StatusReport} render them.
 */
package io.prescal.proxy.metrics;
