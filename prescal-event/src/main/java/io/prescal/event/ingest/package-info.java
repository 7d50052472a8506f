/**
 * The subscriber side: the subscription to {@code prescal:events} and {@code prescal:metrics}
 * (whose I/O thread only hands raw messages on), the hand-off queue, and the worker that decodes,
 * counts and acts on each message in arrival order.
 */
package io.prescal.event.ingest;
