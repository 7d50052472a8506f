package io.prescal.proxy.autoscale;

import io.prescal.common.event.ScalingPaused;
import io.prescal.common.event.ScalingResumed;
import io.prescal.common.scaling.ScalingBounds;
import io.prescal.proxy.config.ScalingConfig;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.provider.Headroom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits one service's starts so that scaling can never exhaust the host: never past the ceiling
 * (every backend that exists counts: asked for, starting, ready, or being retired), at most {@code
 * maxConcurrentStarts} in progress at once (a large scale-out goes in waves), and only while the
 * {@link Headroom} says the host has room (the CPU check only once the service has a backend). When
 * the host is short, starts stop and the gate says so once with {@code scaling.paused}; {@code
 * scaling.resumed} follows when a start fits again. Runs on the service's scale thread.
 */
final class StartGate {
  private static final Logger log = LoggerFactory.getLogger(StartGate.class);

  private final String service;
  private final Headroom headroom;
  private final EventSink events;
  private ScalingBounds bounds;
  private ScalingConfig scaling;
  private String shortOf;

  StartGate(
      String service,
      Headroom headroom,
      EventSink events,
      ScalingBounds bounds,
      ScalingConfig scaling) {
    this.service = service;
    this.headroom = headroom;
    this.events = events;
    this.bounds = bounds;
    this.scaling = scaling;
  }

  /** Takes reloaded bounds. */
  void settings(ScalingBounds newBounds, ScalingConfig newScaling) {
    this.bounds = newBounds;
    this.scaling = newScaling;
  }

  /**
   * How many of {@code wanted} backends may start now.
   *
   * @param existing backends that exist: asked for, starting, ready and being retired
   * @param asked starts asked of the provider and not yet answered
   * @param starting backends that run but are not ready yet
   */
  int admit(int wanted, int existing, int asked, int starting) {
    int underCeiling = Math.max(0, bounds.maxReplicas() - existing);
    int inWave = Math.max(0, bounds.maxConcurrentStarts() - asked - starting);
    int count = Math.min(wanted, Math.min(underCeiling, inWave));
    if (count == 0) {
      return 0;
    }
    Headroom.Room room =
        headroom.room(
            new Headroom.Demand(
                service,
                count,
                asked,
                starting,
                bounds.memoryPerBackend(),
                scaling.memoryReserve(),
                // A service with no backend serves nothing: its first backends wait for memory,
                // never for a busy CPU (the load average also counts work that is not ours).
                existing == 0 ? 0 : scaling.maxLoadPerCpu()));
    if (room.fits() == 0) {
      if (shortOf == null) {
        log.warn("{}: {}", service, room.shortOf());
        events.publish(service, new ScalingPaused(room.shortOf()));
      }
      shortOf = room.shortOf();
      return 0;
    }
    if (shortOf != null) {
      shortOf = null;
      log.info("{}: the host has room again; starting backends", service);
      events.publish(
          service, new ScalingResumed("the host has room for another backend of " + service));
    }
    return room.fits();
  }

  /** Why starts wait for the host now, or null. */
  String shortOf() {
    return shortOf;
  }
}
