/**
 * Running a plan: {@link io.prescal.traffic.run.LoadDriver} drives the engine second by second and
 * {@link io.prescal.traffic.run.Progress} shows it live; {@link
 * io.prescal.traffic.run.CapacitySearch} steps the rate up to the highest one that meets an
 * objective.
 */
package io.prescal.traffic.run;
