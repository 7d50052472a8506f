package io.prescal.common.event;

/**
 * The autoscaler decided how many replicas a service should have, and why.
 *
 * @param currentReplicas replicas that count before the decision: starting and ready ones (draining
 *     ones do not count)
 * @param readyReplicas replicas that are ready
 * @param desiredReplicas the replica count decided
 * @param mode the autoscaler's mode when it decided
 * @param reason the decision in one sentence, e.g. "panic: demand 9.1 is 3.0x capacity 3"
 * @param inputs what the autoscaler saw
 */
public record ScaleDecision(
    int currentReplicas,
    int readyReplicas,
    int desiredReplicas,
    ScaleMode mode,
    String reason,
    ScaleInputs inputs)
    implements PrescalEvent {
  public ScaleDecision {
    Require.nonNegative(currentReplicas, "currentReplicas");
    Require.nonNegative(readyReplicas, "readyReplicas");
    Require.nonNegative(desiredReplicas, "desiredReplicas");
    Require.present(mode, "mode");
    Require.text(reason, "reason");
    Require.present(inputs, "inputs");
  }

  /** Whether the decision changes the replica count. */
  public boolean changes() {
    return desiredReplicas != currentReplicas;
  }
}
