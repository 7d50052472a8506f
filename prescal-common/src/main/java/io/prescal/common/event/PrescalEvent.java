package io.prescal.common.event;

/**
 * The data of an {@link Envelope}: one record per event type. The wire name of each type is in
 * {@link EventType}.
 */
public sealed interface PrescalEvent
    permits BackendAdded,
        BackendReady,
        BackendDraining,
        BackendRemoved,
        BackendFailed,
        HealthChanged,
        ScaleDecision,
        ScalingPaused,
        ScalingResumed,
        ColdStart,
        ConfigReloaded,
        ProxyStarted,
        ProxyStopping,
        PublisherRecovered,
        AlertRaised,
        AlertCleared,
        CommandAccepted,
        CommandRejected,
        MetricsSnapshot,
        StateSnapshot,
        Command {

  /** How much attention the event deserves; dashboards filter on it. */
  default Severity severity() {
    return Severity.INFO;
  }
}
