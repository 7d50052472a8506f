/**
 * The event envelope and its sealed hierarchy of event records.
 *
 * <p>Every message on a Prescal channel is an {@link io.prescal.common.event.Envelope}: schema
 * version, type, id, time, source, service and data, where data is one {@link
 * io.prescal.common.event.PrescalEvent} record. {@link io.prescal.common.event.EventType} maps wire
 * type names to records. Records validate their inputs and copy collections, so a decoded event is
 * always well formed.
 */
package io.prescal.common.event;
