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
 * @param decisionLatencyMillis the time from the moment the proxy's request path saw what prompted
 *     this decision (a burst of requests in flight over the panic threshold, or a request held
 *     while no backend was ready) to the decision, in milliseconds; absent (null) for decisions no
 *     such moment prompted (the regular tick, an operator command). Schema 1.2
 */
public record ScaleDecision(
    int currentReplicas,
    int readyReplicas,
    int desiredReplicas,
    ScaleMode mode,
    String reason,
    ScaleInputs inputs,
    Double decisionLatencyMillis)
    implements PrescalEvent {
  public ScaleDecision {
    Require.nonNegative(currentReplicas, "currentReplicas");
    Require.nonNegative(readyReplicas, "readyReplicas");
    Require.nonNegative(desiredReplicas, "desiredReplicas");
    Require.present(mode, "mode");
    Require.text(reason, "reason");
    Require.present(inputs, "inputs");
    if (decisionLatencyMillis != null) {
      Require.nonNegative(decisionLatencyMillis, "decisionLatencyMillis");
    }
  }

  /** A decision no burst or held request prompted (no latency to tell). */
  public ScaleDecision(
      int currentReplicas,
      int readyReplicas,
      int desiredReplicas,
      ScaleMode mode,
      String reason,
      ScaleInputs inputs) {
    this(currentReplicas, readyReplicas, desiredReplicas, mode, reason, inputs, null);
  }

  /** This decision with the time it took from what prompted it, in milliseconds. */
  public ScaleDecision withDecisionLatency(double millis) {
    return new ScaleDecision(
        currentReplicas, readyReplicas, desiredReplicas, mode, reason, inputs, millis);
  }

  /** Whether the decision changes the replica count. */
  public boolean changes() {
    return desiredReplicas != currentReplicas;
  }
}
