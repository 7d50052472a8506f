/**
 * The proxy's side of the event pipeline: what the rest of the proxy hands events to ({@link
 * io.prescal.proxy.events.EventSink}), what it reads metrics from ({@link
 * io.prescal.proxy.events.MetricsSource}), and what applies operator commands ({@link
 * io.prescal.proxy.events.CommandHandler}). The Redis implementations live here too.
 */
package io.prescal.proxy.events;
