package io.prescal.traffic;

import io.netty.util.ResourceLeakDetector;
import io.prescal.traffic.cli.TrafficCommand;

/**
 * Entry point of the load generator ({@code load}, {@code capacity}) and backend ({@code serve}).
 */
public final class TrafficMain {

  /** Runs the command line and exits with its code (see {@link ExitCode}). */
  public static void main(String[] args) {
    // Netty's default leak detector captures a stack trace for one buffer in 128: measurable at
    // wrk's rates. The generator's buffers are checked by the tests (paranoid there); a user can
    // still turn it on with -Dio.netty.leakDetection.level.
    if (System.getProperty("io.netty.leakDetection.level") == null) {
      ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    }
    System.exit(TrafficCommand.commandLine().execute(args));
  }

  private TrafficMain() {}
}
