/**
 * The autoscaler overlay: {@link io.prescal.traffic.events.EventWatcher} subscribes to Prescal's
 * events during a run, {@link io.prescal.traffic.events.EventMark} places them on the timeline, and
 * {@link io.prescal.traffic.events.PhaseAnalysis} gives statistics before, during and after each
 * scale event and the time from each load step to the capacity that absorbed it.
 */
package io.prescal.traffic.events;
