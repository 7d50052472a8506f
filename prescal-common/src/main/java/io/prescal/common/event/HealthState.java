package io.prescal.common.event;

/** The health of a backend. */
public enum HealthState {
  HEALTHY,
  UNHEALTHY,
  EJECTED
}
