/**
 * Alert rules from configuration and their evaluation: error rate, p99 latency, all backends of a
 * service down, a proxy silent. Pure Java, time given by the caller.
 */
package io.prescal.event.alert;
