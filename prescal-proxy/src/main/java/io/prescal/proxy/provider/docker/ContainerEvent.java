package io.prescal.proxy.provider.docker;

import java.util.Map;

/**
 * A container event from the engine's event stream.
 *
 * @param containerId the container
 * @param action what happened: {@code die}, {@code oom}...
 * @param attributes the event's attributes: the container's labels, {@code name}, {@code
 *     exitCode}...
 * @param timeNanos when, in nanoseconds since the epoch (engine clock)
 */
record ContainerEvent(
    String containerId, String action, Map<String, String> attributes, long timeNanos) {

  ContainerEvent {
    attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
  }

  /** The exit code of a {@code die} event, or null. */
  Integer exitCode() {
    try {
      String code = attributes.get("exitCode");
      return code == null ? null : Integer.valueOf(code);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
