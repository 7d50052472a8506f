/**
 * Buffers of raw messages outside the Java heap: what waits between the subscriber and the worker,
 * and between the worker and the event log, without costing the garbage collector anything.
 */
package io.prescal.event.buffer;
