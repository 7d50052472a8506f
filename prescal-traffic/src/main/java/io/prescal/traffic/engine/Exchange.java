package io.prescal.traffic.engine;

/**
 * One request in flight and what came back for it. A connection owns its exchanges and reuses them
 * (HTTP/1.1 has one, HTTP/2 one per stream it may open), so sending makes no object. Lives on its
 * worker's event loop.
 */
final class Exchange {

  /** When the request was meant to leave ({@link System#nanoTime()}). */
  long intendedNanos;

  /** When it left. */
  long sentNanos;

  /** Whether it counts (not warm-up). */
  boolean measured;

  /** The response's status, once known. */
  int status;

  /** The backend header's value, or null. */
  String backend;

  /** Response bytes read for it. */
  long bytes;

  /** HTTP/2: its stream, or 0 while the exchange is free. */
  int stream;

  /** HTTP/2: whether the response ended (END_STREAM). */
  boolean done;

  /** HTTP/2: why it failed, when that was decided before its stream closed. */
  ErrorClass failure;

  void start(long intended, long sent, boolean isMeasured) {
    intendedNanos = intended;
    sentNanos = sent;
    measured = isMeasured;
    status = 0;
    backend = null;
    bytes = 0;
    done = false;
    failure = null;
  }
}
