/**
 * Mergeable metrics. Latency travels as an HdrHistogram, never as percentiles: percentiles of
 * several proxies cannot be combined, histograms can.
 */
package io.prescal.common.metrics;
