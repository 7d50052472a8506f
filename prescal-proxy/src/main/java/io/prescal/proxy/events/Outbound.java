package io.prescal.proxy.events;

import io.prescal.common.event.Envelope;

/**
 * A message waiting to be published.
 *
 * @param channel the Pub/Sub channel
 * @param envelope the message, stamped when it was handed over
 */
record Outbound(String channel, Envelope envelope) {}
