/**
 * The contract every Prescal service codes against: the names of Redis channels and keys ({@link
 * io.prescal.common.Channels}, {@link io.prescal.common.Keys}), the event envelope with its sealed
 * hierarchy of records, operator commands included ({@code io.prescal.common.event}), mergeable
 * latency histograms ({@code io.prescal.common.metrics}), the JSON codec ({@code
 * io.prescal.common.codec}), and how every service reads its Redis settings ({@code
 * io.prescal.common.redis}).
 *
 * <p>This module has no Spring, no Netty and no Redis client: it is records, a codec and names.
 */
package io.prescal.common;
