package io.prescal.proxy.events;

import io.prescal.common.event.PrescalEvent;

/**
 * Where the proxy hands its discrete events. Implementations never block and never throw: they are
 * called from event loops and from the autoscaler.
 */
@FunctionalInterface
public interface EventSink {

  /** A sink that drops everything (no Redis configured). */
  EventSink NONE = (service, event) -> {};

  /**
   * Hands {@code event} over for publishing.
   *
   * @param service the service it concerns, or null
   * @param event the event
   */
  void publish(String service, PrescalEvent event);
}
