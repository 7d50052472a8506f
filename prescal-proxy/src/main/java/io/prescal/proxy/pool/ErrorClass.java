package io.prescal.proxy.pool;

import java.util.Locale;

/** Why a request to a backend failed, as counted in metrics. */
public enum ErrorClass {
  /** The connection could not be opened. */
  CONNECT,
  /** The backend did not answer in time. */
  TIMEOUT,
  /** The connection closed or broke before the response ended. */
  RESET,
  /** The backend answered with a 5xx status. */
  STATUS;

  /** The name used in metrics ("connect", "timeout", "reset", "status"). */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
