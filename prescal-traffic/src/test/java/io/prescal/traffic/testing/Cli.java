package io.prescal.traffic.testing;

import io.prescal.traffic.cli.TrafficCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the command line in-process and captures what it prints. */
public final class Cli {

  /**
   * What a run gave.
   *
   * @param exit the exit code
   * @param out standard output
   * @param err standard error
   */
  public record Run(int exit, String out, String err) {}

  /** Runs {@code args}. */
  public static Run run(String... args) {
    CommandLine cl = TrafficCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  private Cli() {}
}
