/**
 * The contract every Prescal service codes against: the names of Redis channels and keys ({@link
 * io.prescal.common.Channels}, {@link io.prescal.common.Keys}), the event envelope with its sealed
 * hierarchy of records, operator commands included ({@code io.prescal.common.event}), mergeable
 * latency histograms ({@code io.prescal.common.metrics}) and the JSON codec ({@code
 * io.prescal.common.codec}).
 *
 * <p>This module has no Spring and no Netty: it is records, a codec and names.
 */
package io.prescal.common;
