/**
 * Backend health: {@link io.prescal.proxy.health.ActiveHealthChecker} probes each backend with a
 * GET (rise/fall), {@link io.prescal.proxy.health.OutlierDetector} ejects backends that fail live
 * traffic (consecutive 5xx or connect failures) for a time that grows with each ejection.
 */
package io.prescal.proxy.health;
