/**
 * Autoscaling at work: per autoscaled service a {@link io.prescal.proxy.autoscale.ScaleLoop} on its
 * own thread samples the pool's load, asks the {@link io.prescal.proxy.scale.Autoscaler} for a
 * decision and applies it through the service's provider ({@code Replicas}: start, readiness probe,
 * ready; drain, stop, remove; deaths replaced). Requests that find no ready backend wait in the
 * service's {@link io.prescal.proxy.autoscale.HoldQueue} (scale from zero, cold starts measured).
 * {@link io.prescal.proxy.autoscale.Autoscaling} holds every loop and the one Docker engine; {@link
 * io.prescal.proxy.autoscale.ServiceCommands} applies operator commands from Redis and the admin
 * API.
 */
package io.prescal.proxy.autoscale;
