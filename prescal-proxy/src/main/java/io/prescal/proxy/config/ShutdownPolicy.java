package io.prescal.proxy.config;

/** What happens to a service's provider backends when the proxy stops. */
public enum ShutdownPolicy {
  /** They keep running; a restarted proxy adopts them (Docker). */
  LEAVE,
  /** The proxy stops them (with the stop grace) before it exits. */
  STOP
}
