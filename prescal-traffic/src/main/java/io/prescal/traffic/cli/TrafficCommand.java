package io.prescal.traffic.cli;

import io.prescal.traffic.ExitCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/** The root command: {@code prescal-traffic load | capacity | serve}. */
@Command(
    name = "prescal-traffic",
    mixinStandardHelpOptions = true,
    versionProvider = TrafficCommand.Version.class,
    subcommands = {LoadCommand.class, CapacityCommand.class, ServeCommand.class},
    description = "Prescal's load generator (load, capacity) and synthetic backend (serve).",
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:ok (objective met, or none given)",
      "1:failure (nothing answered, an output could not be written)",
      "2:the --slo objective was breached",
      "3:the run is not valid: the generator itself was the bottleneck",
      "64:bad usage (unknown flag, bad value, unreadable file)"
    })
public final class TrafficCommand implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(TrafficCommand.class);

  @picocli.CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** A command line with Prescal's exit codes and one-line error messages. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new TrafficCommand());
    cl.setParameterExceptionHandler(new OneLineUsage());
    cl.setExecutionExceptionHandler(new OneLineFailure());
    return cl;
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command: load, capacity or serve");
  }

  /** Bad flags and values: one line naming them, and exit code 64. */
  static final class OneLineUsage implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
      CommandLine cl = e.getCommandLine();
      cl.getErr()
          .println(
              cl.getCommandSpec().qualifiedName()
                  + ": "
                  + e.getMessage()
                  + " (see: "
                  + cl.getCommandSpec().qualifiedName()
                  + " --help)");
      cl.getErr().flush();
      return ExitCode.USAGE;
    }
  }

  /** Errors while running: one line; usage problems 64, everything else 1. */
  static final class OneLineFailure implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cl, ParseResult parsed) {
      String name = cl.getCommandSpec().qualifiedName();
      if (e instanceof UsageException) {
        cl.getErr().println(name + ": " + e.getMessage());
        cl.getErr().flush();
        return ExitCode.USAGE;
      }
      if (e instanceof IllegalStateException
          || e instanceof IOException
          || e instanceof UncheckedIOException) {
        cl.getErr().println(name + ": " + e.getMessage());
        cl.getErr().flush();
        return ExitCode.FAILURE;
      }
      LOG.error("{}: unexpected failure", name, e);
      cl.getErr().println(name + ": unexpected failure: " + e);
      cl.getErr().flush();
      return ExitCode.FAILURE;
    }
  }

  /** The version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = TrafficCommand.class.getPackage().getImplementationVersion();
      return new String[] {"prescal-traffic " + (v == null ? "(development build)" : v)};
    }
  }
}
