package io.prescal.proxy.accesslog;

/** Where finished requests are logged; never blocks the caller. */
@FunctionalInterface
public interface AccessLog {
  /** Logs nothing. */
  AccessLog NONE = entry -> {};

  /** Takes one entry for writing. */
  void log(AccessEntry entry);

  /** Whether anything is logged (callers skip building entries otherwise). */
  default boolean enabled() {
    return this != NONE;
  }
}
