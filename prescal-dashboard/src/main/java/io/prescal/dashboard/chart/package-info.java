/**
 * Live time-series charts: {@link io.prescal.dashboard.chart.TimeChart}, a small Flow component
 * around uPlot (loaded from its WebJar as a page script), with scale events marked on the time
 * axis.
 */
package io.prescal.dashboard.chart;
