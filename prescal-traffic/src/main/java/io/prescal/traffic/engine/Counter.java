package io.prescal.traffic.engine;

/** What a worker counts, as slots of its counter array. */
public enum Counter {
  /** Measured requests written (warm-up excluded). */
  SENT,
  /** Measured responses received complete, whatever their status. */
  COMPLETED,
  /** Errors of class {@link ErrorClass#CONNECT}. */
  CONNECT,
  /** Errors of class {@link ErrorClass#TIMEOUT}. */
  TIMEOUT,
  /** Errors of class {@link ErrorClass#RESET}. */
  RESET,
  /** Errors of class {@link ErrorClass#PROTOCOL}. */
  PROTOCOL,
  /** Errors of class {@link ErrorClass#BAD_STATUS}. */
  BAD_STATUS,
  /** Open model: requests that waited for a connection because the limit was reached. */
  LATE,
  /** Open model: planned requests never sent before the run ended. */
  UNSENT,
  /** Requests of the warm-up period, not in any other figure. */
  WARMUP,
  /** Bytes of response read (headers and body). */
  BYTES_READ;

  /** The counter of errors of class {@code error}. */
  public static Counter of(ErrorClass error) {
    return switch (error) {
      case CONNECT -> CONNECT;
      case TIMEOUT -> TIMEOUT;
      case RESET -> RESET;
      case PROTOCOL -> PROTOCOL;
      case BAD_STATUS -> BAD_STATUS;
    };
  }
}
