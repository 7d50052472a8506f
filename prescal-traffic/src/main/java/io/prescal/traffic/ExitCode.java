package io.prescal.traffic;

/**
 * The process exit codes of every subcommand. Scripts and CI jobs branch on them, so they never
 * change meaning.
 */
public final class ExitCode {

  /** The run completed and met its objective (or had none). */
  public static final int OK = 0;

  /** The run could not be done: nothing answered, an output file could not be written. */
  public static final int FAILURE = 1;

  /** The run completed but breached its {@code --slo}. */
  public static final int SLO_BREACHED = 2;

  /**
   * The run completed but its figures are not valid: the generator itself was the bottleneck
   * (schedule lag over {@code --max-lag}). Checked before the objective.
   */
  public static final int INVALID_RUN = 3;

  /** Bad usage: an unknown flag, a bad value, an unreadable file (BSD's EX_USAGE). */
  public static final int USAGE = 64;

  private ExitCode() {}
}
