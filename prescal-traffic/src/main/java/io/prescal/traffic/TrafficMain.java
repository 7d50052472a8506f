package io.prescal.traffic;

import io.prescal.traffic.cli.TrafficCommand;

/**
 * Entry point of the load generator ({@code load}, {@code capacity}) and backend ({@code serve}).
 */
public final class TrafficMain {

  /** Runs the command line and exits with its code (see {@link ExitCode}). */
  public static void main(String[] args) {
    System.exit(TrafficCommand.commandLine().execute(args));
  }

  private TrafficMain() {}
}
