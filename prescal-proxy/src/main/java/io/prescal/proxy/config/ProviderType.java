package io.prescal.proxy.config;

/** Where a service's backends come from. */
public enum ProviderType {
  /** The {@code backends:} list: run by someone else, never started or stopped by Prescal. */
  STATIC,
  /** Docker containers started, adopted and stopped by the proxy. */
  DOCKER,
  /** Local processes started and stopped by the proxy. */
  PROCESS
}
