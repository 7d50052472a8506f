/**
 * The synthetic backend ({@code serve}): a Netty HTTP server with configurable latency, CPU work,
 * error rate and size, health and readiness endpoints, an echo endpoint, and a drain on SIGTERM. It
 * is Prescal's demo container and the target of the generator's own tests.
 */
package io.prescal.traffic.serve;
