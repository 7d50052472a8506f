package io.prescal.common.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The wire name of every event record. Names are "area.verb", lower case; once published a name
 * never changes meaning (see {@code docs/event-contract.md}).
 */
public enum EventType {
  BACKEND_ADDED("backend.added", BackendAdded.class),
  BACKEND_READY("backend.ready", BackendReady.class),
  BACKEND_DRAINING("backend.draining", BackendDraining.class),
  BACKEND_REMOVED("backend.removed", BackendRemoved.class),
  BACKEND_FAILED("backend.failed", BackendFailed.class),
  HEALTH_CHANGED("health.changed", HealthChanged.class),
  SCALE_DECISION("scale.decision", ScaleDecision.class),
  SCALING_PAUSED("scaling.paused", ScalingPaused.class),
  SCALING_RESUMED("scaling.resumed", ScalingResumed.class),
  COLD_START("cold.start", ColdStart.class),
  CONFIG_RELOADED("config.reloaded", ConfigReloaded.class),
  PROXY_STARTED("proxy.started", ProxyStarted.class),
  PROXY_STOPPING("proxy.stopping", ProxyStopping.class),
  PUBLISHER_RECOVERED("publisher.recovered", PublisherRecovered.class),
  ALERT_RAISED("alert.raised", AlertRaised.class),
  ALERT_CLEARED("alert.cleared", AlertCleared.class),
  COMMAND_ACCEPTED("command.accepted", CommandAccepted.class),
  COMMAND_REJECTED("command.rejected", CommandRejected.class),
  METRICS("metrics", MetricsSnapshot.class),
  STATE("state", StateSnapshot.class),
  COMMAND_SCALE("command.scale", ScaleCommand.class),
  COMMAND_LIMITS("command.limits", LimitsCommand.class),
  COMMAND_PAUSE("command.pause", PauseCommand.class),
  COMMAND_RESUME("command.resume", ResumeCommand.class),
  COMMAND_DRAIN("command.drain", DrainCommand.class);

  private static final Map<String, EventType> BY_NAME =
      Arrays.stream(values()).collect(Collectors.toMap(EventType::wireName, Function.identity()));
  private static final Map<Class<?>, EventType> BY_CLASS =
      Arrays.stream(values()).collect(Collectors.toMap(t -> t.recordClass, Function.identity()));

  private final String wireName;
  private final Class<? extends PrescalEvent> recordClass;

  EventType(String wireName, Class<? extends PrescalEvent> recordClass) {
    this.wireName = wireName;
    this.recordClass = recordClass;
  }

  /** The name in the envelope's {@code type} field. */
  public String wireName() {
    return wireName;
  }

  /** The record that carries this type's data. */
  public Class<? extends PrescalEvent> recordClass() {
    return recordClass;
  }

  /** Whether this type is an operator command. */
  public boolean isCommand() {
    return Command.class.isAssignableFrom(recordClass);
  }

  /** The type named {@code wireName}, if this version of the contract knows it. */
  public static Optional<EventType> byWireName(String wireName) {
    return Optional.ofNullable(BY_NAME.get(wireName));
  }

  /** The type of {@code event}. */
  public static EventType of(PrescalEvent event) {
    return BY_CLASS.get(event.getClass());
  }
}
