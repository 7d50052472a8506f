package io.prescal.proxy.autoscale;

import io.prescal.common.event.Command;
import io.prescal.common.event.DrainCommand;
import io.prescal.proxy.events.CommandHandler;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.ServiceRegistry;

/**
 * Applies operator commands (from {@code prescal:commands} or the admin API) to a service: scale,
 * limits, pause and resume go to its autoscaler; drain retires one backend of an autoscaled service
 * (drain, stop, replaced if needed) or drains a static backend (no undrain: reload to bring it
 * back).
 */
public final class ServiceCommands implements CommandHandler {
  private final ServiceRegistry registry;
  private final Autoscaling autoscaling;

  public ServiceCommands(ServiceRegistry registry, Autoscaling autoscaling) {
    this.registry = registry;
    this.autoscaling = autoscaling;
  }

  @Override
  public String apply(String service, Command command) throws CommandRefusedException {
    ScaleLoop loop = autoscaling.loop(service);
    if (loop != null) {
      return loop.command(command);
    }
    ServicePool pool = registry.pool(service);
    if (pool == null) {
      throw new CommandRefusedException(
          "no service "
              + service
              + " on this proxy (expected one of: "
              + String.join(", ", registry.pools().keySet())
              + ")");
    }
    if (command instanceof DrainCommand drain) {
      if (pool.snapshot().find(drain.backendId()) == null) {
        throw new CommandRefusedException(
            "no backend " + drain.backendId() + " in service " + service + " (see GET /status)");
      }
      pool.drain(drain.backendId(), "operator " + drain.issuer());
      return "draining "
          + drain.backendId()
          + ": it gets no new requests; a static backend stays drained until a reload";
    }
    throw new CommandRefusedException(
        command.describe()
            + ": service "
            + service
            + " is not autoscaled (its backends are a static list; give it a provider of type"
            + " docker or process)");
  }
}
