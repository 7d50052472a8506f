package io.prescal.proxy.provider.docker;

/** The Docker engine does not answer; the message says where it was looked for and what to do. */
public final class EngineUnavailableException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public EngineUnavailableException(String message) {
    super(message, null, false, false);
  }
}
