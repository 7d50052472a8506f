/**
 * What happened before a view opened: history points from the sorted sets and the newest entries of
 * the event log stream, both written by prescal-event.
 */
package io.prescal.dashboard.history;
