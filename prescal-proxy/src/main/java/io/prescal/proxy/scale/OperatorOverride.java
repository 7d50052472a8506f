package io.prescal.proxy.scale;

/** What an operator told the autoscaler: nothing, pause, or a fixed replica count. */
sealed interface OperatorOverride {

  /** Autoscale. */
  record None() implements OperatorOverride {}

  /**
   * Keep the replica count as it was when paused: {@code replicas}, or -1 until the first decision
   * after the pause pins the count it finds.
   */
  record Paused(int replicas) implements OperatorOverride {}

  /** Keep exactly {@code replicas}. */
  record Fixed(int replicas) implements OperatorOverride {}

  OperatorOverride NONE = new None();
}
