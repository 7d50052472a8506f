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
  /** Errors of class {@link ErrorClass#STREAM_RESET}. */
  STREAM_RESET,
  /** Errors of class {@link ErrorClass#GOAWAY}. */
  GOAWAY,
  /** Errors of class {@link ErrorClass#BAD_STATUS}. */
  BAD_STATUS,
  /** Open model: requests that waited for a connection because the limit was reached. */
  LATE,
  /** Open model: planned requests never sent before the run ended. */
  UNSENT,
  /** Requests of the warm-up period, not in any other figure. */
  WARMUP,
  /** Bytes of response read (HTTP/1.1: headers and body; HTTP/2: DATA frames). */
  BYTES_READ,
  /** Connections made ready (connected, TLS handshake and HTTP/2 SETTINGS done), warm-up too. */
  CONNECTIONS;

  /** The counter of errors of class {@code error}. */
  public static Counter of(ErrorClass error) {
    return switch (error) {
      case CONNECT -> CONNECT;
      case TIMEOUT -> TIMEOUT;
      case RESET -> RESET;
      case PROTOCOL -> PROTOCOL;
      case STREAM_RESET -> STREAM_RESET;
      case GOAWAY -> GOAWAY;
      case BAD_STATUS -> BAD_STATUS;
    };
  }
}
