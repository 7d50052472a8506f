/**
 * What prescal-event keeps in Redis: the history sorted sets and the capped event log stream, in
 * the formats of {@code docs/event-contract.md}.
 */
package io.prescal.event.store;
