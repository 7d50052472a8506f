package io.prescal.proxy.provider;

/** A backend did not pass its readiness probe in time; the message says what was seen last. */
public final class NotReadyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public NotReadyException(String message) {
    super(message, null, false, false);
  }
}
