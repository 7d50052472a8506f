package io.prescal.common.event;

/**
 * A proxy instance is shutting down.
 *
 * @param reason why, e.g. "SIGTERM"
 */
public record ProxyStopping(String reason) implements PrescalEvent {
  public ProxyStopping {
    Require.text(reason, "reason");
  }
}
