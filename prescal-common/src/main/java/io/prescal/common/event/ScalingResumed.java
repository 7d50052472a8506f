package io.prescal.common.event;

/**
 * A service's autoscaler acts again.
 *
 * @param reason why, in one sentence
 */
public record ScalingResumed(String reason) implements PrescalEvent {
  public ScalingResumed {
    Require.text(reason, "reason");
  }
}
