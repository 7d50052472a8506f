package io.prescal.traffic.engine;

/** Why a request failed, in the classes users of k6 and wrk know. */
public enum ErrorClass {
  /** The connection could not be made (refused, unreachable, connect timeout). */
  CONNECT("connect"),
  /** No complete response within the request timeout. */
  TIMEOUT("timeout"),
  /** The connection closed or reset before the response was complete. */
  RESET("reset"),
  /** The response was not valid HTTP/1.1, or the server broke HTTP/2. */
  PROTOCOL("protocol"),
  /** HTTP/2: the server reset the request's stream (RST_STREAM) before the response ended. */
  STREAM_RESET("stream-reset"),
  /** HTTP/2: the server went away (GOAWAY) before answering the request. */
  GOAWAY("goaway"),
  /** A complete response with a 4xx or 5xx status. */
  BAD_STATUS("bad-status");

  private final String label;

  ErrorClass(String label) {
    this.label = label;
  }

  /** The name in reports and options. */
  public String label() {
    return label;
  }
}
