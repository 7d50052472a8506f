package io.prescal.common.event;

/** The mode of a service's autoscaler. */
public enum ScaleMode {
  /** Decisions follow the stable window. */
  STABLE,
  /** The panic window demands at least the panic threshold times current capacity: only up. */
  PANIC,
  /** An operator paused autoscaling, or it cannot act (e.g. the Docker engine is away). */
  PAUSED,
  /** An operator fixed the replica count. */
  FIXED
}
