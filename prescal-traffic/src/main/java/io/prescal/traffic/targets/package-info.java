/**
 * What to send when it is more than one request: {@link io.prescal.traffic.targets.TargetsFile}
 * reads vegeta's targets format (method, URL, headers and a body file per request) into the
 * engine's targets, bounded by limits the user sets.
 */
package io.prescal.traffic.targets;
