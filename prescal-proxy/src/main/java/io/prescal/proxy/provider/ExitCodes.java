package io.prescal.proxy.provider;

/** Exit codes in words, the same for containers and processes. */
public final class ExitCodes {

  /**
   * How something ended, e.g. "exited with code 1" or "was killed by signal 9 (exit code 137)".
   * Codes above 128 are 128 + the signal, as shells, Docker and the JDK report them.
   */
  public static String describe(Integer exitCode) {
    if (exitCode == null) {
      return "stopped (exit code unknown)";
    }
    if (exitCode > 128 && exitCode < 128 + 65) {
      return "was killed by signal " + (exitCode - 128) + " (exit code " + exitCode + ")";
    }
    return "exited with code " + exitCode;
  }

  private ExitCodes() {}
}
