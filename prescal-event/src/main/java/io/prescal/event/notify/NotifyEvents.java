package io.prescal.event.notify;

import io.prescal.common.event.AlertCleared;
import io.prescal.common.event.AlertRaised;
import io.prescal.common.event.PrescalEvent;
import io.prescal.common.event.ScaleDecision;

/** Which events a webhook is sent: {@code events: [alerts, scale-changes]} in its settings. */
public enum NotifyEvents {
  /** Alerts raised and cleared. */
  ALERTS,
  /** Scale decisions that change the replica count (not "stay at N"). */
  SCALE_CHANGES,
  /** Every scale decision, "stay at N" ones included. */
  SCALE_DECISIONS;

  /** Whether {@code event} is one of this kind. */
  public boolean matches(PrescalEvent event) {
    return switch (this) {
      case ALERTS -> event instanceof AlertRaised || event instanceof AlertCleared;
      case SCALE_CHANGES -> event instanceof ScaleDecision d && d.changes();
      case SCALE_DECISIONS -> event instanceof ScaleDecision;
    };
  }
}
