package io.prescal.traffic.cli;

/** Bad usage found after parsing (a file that cannot be read, options that do not fit). */
public final class UsageException extends RuntimeException {

  /** One sentence naming the offending value and the fix. */
  public UsageException(String message) {
    super(message);
  }
}
