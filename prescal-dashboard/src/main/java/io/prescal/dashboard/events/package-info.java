/** The event log: live events with filters, search, pause and backfill from the stream. */
package io.prescal.dashboard.events;
