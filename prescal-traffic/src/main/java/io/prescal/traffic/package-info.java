/**
 * Prescal's load generator and synthetic backend. {@link io.prescal.traffic.TrafficMain} runs the
 * command line; {@link io.prescal.traffic.ExitCode} lists what it returns.
 */
package io.prescal.traffic;
