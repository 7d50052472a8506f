package io.prescal.dashboard.events;

import io.prescal.common.event.AlertCleared;
import io.prescal.common.event.AlertRaised;
import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendDraining;
import io.prescal.common.event.BackendFailed;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.BackendRemoved;
import io.prescal.common.event.ColdStart;
import io.prescal.common.event.Command;
import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.CommandRejected;
import io.prescal.common.event.ConfigReloaded;
import io.prescal.common.event.HealthChanged;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.PrescalEvent;
import io.prescal.common.event.ProxyStarted;
import io.prescal.common.event.ProxyStopping;
import io.prescal.common.event.PublisherRecovered;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.ScalingPaused;
import io.prescal.common.event.ScalingResumed;
import io.prescal.common.event.StateSnapshot;
import io.prescal.dashboard.ui.Figures;
import java.util.Locale;

/** Every event in one sentence a person can read in the log. */
public final class EventText {

  private EventText() {}

  /** What {@code event} says, e.g. "web-3f2a ready after 1.84 s". */
  public static String describe(PrescalEvent event) {
    return switch (event) {
      case BackendAdded e ->
          e.backendId()
              + (e.fromWarmPool() ? " added to the warm pool (" : " added (")
              + e.kind().name().toLowerCase(Locale.ROOT)
              + (e.image() == null ? "" : ", " + e.image())
              + ") at "
              + e.address();
      case BackendReady e ->
          e.backendId()
              + (e.fromWarmPool() ? " warm: ready after " : " ready after ")
              + Figures.millis(e.startupMillis())
              + (e.fromWarmPool() ? ", frozen until a scale-out thaws it" : "");
      case BackendDraining e ->
          e.backendId() + " draining " + e.inFlight() + " in flight (" + e.reason() + ")";
      case BackendRemoved e ->
          e.backendId()
              + (e.fromWarmPool() ? " removed from the warm pool (" : " removed (")
              + e.reason()
              + ") after "
              + Figures.millis(e.drainMillis())
              + " of drain"
              + (e.abandoned() > 0
                  ? ", " + Figures.count(e.abandoned(), "request") + " abandoned"
                  : "");
      case BackendFailed e when e.fromWarmPool() ->
          e.backendId() + " (warm pool) failed: " + e.reason();
      case BackendFailed e ->
          e.backendId()
              + " failed: "
              + e.reason()
              + (e.exitCode() == null ? "" : " (exit " + e.exitCode() + ")")
              + (e.oomKilled() ? ", killed for memory" : "");
      case HealthChanged e ->
          e.backendId()
              + " "
              + lower(e.from())
              + " → "
              + lower(e.to())
              + " ("
              + e.check()
              + "): "
              + e.reason();
      case ScaleDecision e ->
          (e.changes()
                  ? e.currentReplicas() + " → " + Figures.count(e.desiredReplicas(), "replica")
                  : "stay at " + Figures.count(e.desiredReplicas(), "replica"))
              + " ("
              + lower(e.mode())
              + "): "
              + e.reason();
      case ScalingPaused e -> "autoscaling paused: " + e.reason();
      case ScalingResumed e -> "autoscaling resumed: " + e.reason();
      case ColdStart e ->
          "cold start: "
              + e.backendId()
              + " ready in "
              + Figures.millis(e.millis())
              + ", "
              + Figures.count(e.heldRequests(), "request")
              + " held";
      case ConfigReloaded e ->
          e.applied()
              ? "configuration " + e.version() + " applied"
              : "configuration " + e.version() + " refused: " + String.join("; ", e.problems());
      case ProxyStarted e ->
          "proxy " + e.version() + " started for " + String.join(", ", e.services());
      case ProxyStopping e -> "proxy stopping: " + e.reason();
      case PublisherRecovered e ->
          "publisher reached Redis again after "
              + Figures.millis(e.outageMillis())
              + (e.dropped() > 0
                  ? ", " + Figures.count(e.dropped(), "message") + " dropped"
                  : ", nothing dropped");
      case AlertRaised e -> e.rule() + ": " + e.message();
      case AlertCleared e -> e.rule() + " cleared: " + e.message();
      case CommandAccepted e -> e.command() + " accepted: " + e.detail();
      case CommandRejected e -> e.command() + " rejected: " + e.reason();
      case MetricsSnapshot e -> "metrics of " + Figures.count(e.services().size(), "service");
      case StateSnapshot e -> "state of " + Figures.count(e.services().size(), "service");
      case Command e -> e.describe() + " (by " + e.issuer() + ")";
    };
  }

  private static String lower(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
