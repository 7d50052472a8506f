package io.prescal.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code ./prescal up} as a user runs it, on ports of its own, stopped as with Ctrl-C. */
final class LocalRun implements AutoCloseable {

  private static final Pattern OPERATOR = Pattern.compile("operator / (\\S+)");

  private final Process process;
  private final Path log;

  private LocalRun(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code ./prescal up} with {@code args}; returns once it says it is running. */
  static LocalRun start(Map<String, String> environment, Path log, String... args)
      throws IOException, InterruptedException {
    List<String> command =
        new java.util.ArrayList<>(List.of(Jars.ROOT.resolve("prescal").toString(), "up"));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(Jars.ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    builder.environment().put("JAVA_HOME", Path.of(System.getProperty("java.home")).toString());
    LocalRun run = new LocalRun(builder.start(), log);
    Instant deadline = Instant.now().plus(Duration.ofMinutes(4));
    while (!run.output().contains("Prescal is running")) {
      if (!run.process.isAlive()) {
        throw new IllegalStateException(
            "./prescal up exited with " + run.process.exitValue() + ":\n" + run.output());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("./prescal up did not come up in 4 min:\n" + run.output());
      }
      Thread.sleep(250);
    }
    return run;
  }

  /** The operator's password it printed. */
  String operatorPassword() throws IOException {
    Matcher m = OPERATOR.matcher(output());
    if (!m.find()) {
      throw new IllegalStateException("no operator password in the output:\n" + output());
    }
    return m.group(1);
  }

  String output() throws IOException {
    return Files.readString(log);
  }

  /** The process's own pid, to find what it started. */
  long pid() {
    return process.pid();
  }

  /** Stops it as Ctrl-C would (SIGINT is what a terminal sends; SIGTERM is handled the same). */
  int stop() throws IOException, InterruptedException {
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("./prescal up did not stop within 90 s:\n" + output());
    }
    return process.exitValue();
  }

  /** Processes still running whose command line mentions {@code needle} (none after a stop). */
  static List<String> processesMentioning(String needle) throws IOException {
    return ProcessHandle.allProcesses()
        .filter(p -> p.pid() != ProcessHandle.current().pid())
        .map(p -> p.info().commandLine())
        .flatMap(Optional::stream)
        .filter(line -> line.contains(needle))
        .toList();
  }

  @Override
  public void close() throws IOException, InterruptedException {
    if (process.isAlive()) {
      stop();
    }
  }
}
