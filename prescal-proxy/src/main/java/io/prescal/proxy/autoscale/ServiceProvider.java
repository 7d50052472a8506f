package io.prescal.proxy.autoscale;

import io.prescal.proxy.provider.BackendProvider;
import io.prescal.proxy.provider.Headroom;
import java.util.function.Supplier;

/**
 * A service's provider with what the scale loop tells about it.
 *
 * @param provider starts, adopts and stops the backends
 * @param type "docker" or "process", for status and events
 * @param problemSource why the provider cannot act now, in one sentence (e.g. the Docker engine's
 *     problem), or null
 * @param headroom whether the host (or engine) has room for more backends
 */
record ServiceProvider(
    BackendProvider provider, String type, Supplier<String> problemSource, Headroom headroom) {

  /** Why the provider cannot act, never null. */
  String problem() {
    String problem = problemSource.get();
    return problem != null ? problem : "the " + type + " provider cannot start or stop backends";
  }
}
