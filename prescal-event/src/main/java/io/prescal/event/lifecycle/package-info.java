/**
 * How the service's background work starts and stops: {@link
 * io.prescal.event.lifecycle.BackgroundLifecycle}, one daemon thread per job (the ingest worker,
 * the subscription's retries, the event log's writer, the state ticker), started and stopped by
 * Spring in the order of their phases.
 */
package io.prescal.event.lifecycle;
