/**
 * The open model's plan: a {@link io.prescal.traffic.plan.RateProfile} of stages (hold, ramp, step,
 * spike) read from the command line or YAML, and the {@link io.prescal.traffic.plan.Schedule} of
 * intended send times each worker follows.
 */
package io.prescal.traffic.plan;
