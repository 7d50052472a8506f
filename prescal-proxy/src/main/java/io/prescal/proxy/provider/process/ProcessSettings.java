package io.prescal.proxy.provider.process;

import io.prescal.proxy.provider.SettingsProblem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How the process provider starts one service's backends (docs/autoscaling.md, "Process provider").
 *
 * @param command the program and its arguments; {@code {port}} in any argument becomes the port
 *     picked for the backend (a free one on 127.0.0.1)
 * @param workingDirectory where the command runs; null for the proxy's own
 * @param environment extra environment variables; {@code {port}} in a value becomes the port
 * @param stopOnExit whether the backends are stopped (SIGTERM, then SIGKILL) when the proxy exits
 * @param logOutput whether the backends' output goes to the proxy's log (logger {@code
 *     io.prescal.backend}, prefixed with the backend id); false discards it
 * @param maxOutputLineBytes the longest output line logged whole; the rest of a longer one is
 *     dropped and counted
 */
public record ProcessSettings(
    List<String> command,
    String workingDirectory,
    Map<String, String> environment,
    boolean stopOnExit,
    boolean logOutput,
    int maxOutputLineBytes) {

  /** The placeholder for the backend's port. */
  public static final String PORT = "{port}";

  /** Default {@link #maxOutputLineBytes}: 8 KiB. */
  public static final int DEFAULT_MAX_OUTPUT_LINE_BYTES = 8 << 10;

  /** The smallest {@link #maxOutputLineBytes}. */
  public static final int MIN_OUTPUT_LINE_BYTES = 256;

  /** The largest {@link #maxOutputLineBytes}: 1 MiB. */
  public static final int MAX_OUTPUT_LINE_BYTES = 1 << 20;

  public ProcessSettings {
    command = command == null ? List.of() : List.copyOf(command);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
  }

  /** Settings with the default {@link #maxOutputLineBytes}. */
  public ProcessSettings(
      List<String> command,
      String workingDirectory,
      Map<String, String> environment,
      boolean stopOnExit,
      boolean logOutput) {
    this(
        command,
        workingDirectory,
        environment,
        stopOnExit,
        logOutput,
        DEFAULT_MAX_OUTPUT_LINE_BYTES);
  }

  /** A command with defaults for the rest: stop on exit, log the output. */
  public static ProcessSettings of(List<String> command) {
    return new ProcessSettings(command, null, Map.of(), true, true);
  }

  /** Every problem in these settings; empty when they are usable. */
  public List<SettingsProblem> problems() {
    boolean portUsed =
        command.stream().anyMatch(a -> a.contains(PORT))
            || environment.values().stream().anyMatch(v -> v.contains(PORT));
    return new SettingsProblem.Collector()
        .check(
            !command.isEmpty() && !command.getFirst().isBlank(),
            "command",
            command,
            "a program and its arguments, e.g. [java, -jar, app.jar, --port, \"{port}\"]")
        .check(
            command.isEmpty() || portUsed,
            "command",
            command,
            "{port} in an argument or an environment value, so the backend listens where the"
                + " proxy connects")
        .check(
            workingDirectory == null || Files.isDirectory(Path.of(workingDirectory)),
            "workingDirectory",
            workingDirectory,
            "an existing directory, or none")
        .check(
            maxOutputLineBytes >= MIN_OUTPUT_LINE_BYTES
                && maxOutputLineBytes <= MAX_OUTPUT_LINE_BYTES,
            "maxOutputLine",
            maxOutputLineBytes,
            "a size from " + MIN_OUTPUT_LINE_BYTES + " to " + MAX_OUTPUT_LINE_BYTES + " bytes")
        .problems();
  }

  /** These settings when valid, else an exception that lists every problem. */
  public ProcessSettings validated() {
    SettingsProblem.throwIfAny("process settings", problems());
    return this;
  }

  /** The command with {@code {port}} filled in. */
  List<String> commandFor(int port) {
    return command.stream().map(a -> a.replace(PORT, Integer.toString(port))).toList();
  }
}
