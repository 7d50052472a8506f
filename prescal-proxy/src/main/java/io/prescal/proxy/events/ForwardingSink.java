package io.prescal.proxy.events;

import io.prescal.common.event.PrescalEvent;

/**
 * The sink the proxy's parts publish to: every event goes to the sink given at construction and,
 * once {@link #also} named it, to a second one. The Redis pipeline needs the proxy's metrics and
 * command handler, so it starts after the parts that publish were built.
 */
public final class ForwardingSink implements EventSink {
  private final EventSink first;
  private volatile EventSink second = EventSink.NONE;

  public ForwardingSink(EventSink first) {
    this.first = first;
  }

  /** From now on, events go to {@code sink} as well. */
  public void also(EventSink sink) {
    this.second = sink;
  }

  @Override
  public void publish(String service, PrescalEvent event) {
    first.publish(service, event);
    second.publish(service, event);
  }
}
