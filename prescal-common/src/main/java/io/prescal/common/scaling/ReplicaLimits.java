package io.prescal.common.scaling;

/**
 * What a service's replica count may be now: the context {@link ReplicaRule#fix} checks a fixed
 * count against.
 *
 * @param min the service's minimum
 * @param max the service's maximum
 * @param scaleToZero whether the service may go to zero replicas when idle
 * @param bounds the proxy-wide bounds, or null when unknown (a proxy that does not publish them):
 *     the ceiling is then left to the proxy to check
 */
public record ReplicaLimits(int min, int max, boolean scaleToZero, ScalingBounds bounds) {}
