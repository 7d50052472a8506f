package io.prescal.common.event;

/**
 * A service's autoscaler stopped acting: by an operator, or because it cannot (Docker away).
 *
 * @param reason why, in one sentence
 */
public record ScalingPaused(String reason) implements PrescalEvent {
  public ScalingPaused {
    Require.text(reason, "reason");
  }

  @Override
  public Severity severity() {
    return Severity.WARNING;
  }
}
