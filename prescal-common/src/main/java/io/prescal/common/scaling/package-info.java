/**
 * The one rule on replica counts that every path shares: the proxy's configuration, its admin API,
 * signed commands on {@code prescal:commands} and the dashboard's controls all ask {@link
 * io.prescal.common.scaling.ReplicaRule} whether a service's limits or a fixed replica count are
 * acceptable, and show its refusal as it is, one sentence naming the value and the fix.
 *
 * <p>{@link io.prescal.common.scaling.ScalingBounds} is the proxy-wide bound the rule checks
 * against (the ceiling on replicas per service, starts in progress at once, memory per backend);
 * the proxy publishes it with each service's autoscaler status so that the dashboard checks what
 * the proxy will check.
 */
package io.prescal.common.scaling;
