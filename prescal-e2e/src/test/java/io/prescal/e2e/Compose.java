package io.prescal.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * docker-compose.yml run the way a user runs it, through {@code docker compose} (v2) when the
 * plugin exists, else {@code docker-compose} (v1), as one project with its own name and ports.
 */
final class Compose {

  private final String project;
  private final Map<String, String> environment;
  private final Path log;
  private final List<String> base;

  Compose(String project, Map<String, String> environment, Path log) {
    this.project = project;
    this.environment = Map.copyOf(environment);
    this.log = log;
    this.base = binary();
  }

  /** {@code up -d --build}: builds what is missing and starts every service in the background. */
  void up() throws IOException, InterruptedException {
    run(20, "up", "-d", "--build");
  }

  /** {@code down}: stops and removes the containers and the network (named volumes stay). */
  void down() throws IOException, InterruptedException {
    run(5, "down", "--timeout", "40");
  }

  /** {@code down -v}: as a user cleaning up completely. */
  void downWithVolumes() throws IOException, InterruptedException {
    run(5, "down", "-v", "--timeout", "40");
  }

  /** The logs of every service, for a failure message. */
  String logs() throws IOException, InterruptedException {
    run(2, "logs", "--no-color", "--tail", "200");
    return Files.readString(log);
  }

  /** The logs of one service, as {@code docker compose logs SERVICE} prints them. */
  String logs(String service) throws IOException, InterruptedException {
    return output("logs", "--no-color", service);
  }

  /** What {@code docker compose exec -T SERVICE COMMAND...} prints on its standard output. */
  String exec(String service, String... command) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of("exec", "-T", service));
    args.addAll(List.of(command));
    return output(args.toArray(String[]::new));
  }

  String project() {
    return project;
  }

  private String output(String... args) throws IOException, InterruptedException {
    Path out = Files.createTempFile(log.getParent(), "compose-", ".out");
    try {
      run(2, ProcessBuilder.Redirect.to(out.toFile()), args);
      return Files.readString(out);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  private void run(int minutes, String... args) throws IOException, InterruptedException {
    run(minutes, null, args);
  }

  /** Runs compose; its output goes to {@code output}, or with its errors to the log when null. */
  private void run(int minutes, ProcessBuilder.Redirect output, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(base);
    command.addAll(
        List.of("-p", project, "-f", Jars.ROOT.resolve("docker-compose.yml").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(Jars.ROOT.toFile());
    if (output == null) {
      builder
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    } else {
      builder.redirectOutput(output).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    }
    // Only what the test gives: nothing of the caller's own Prescal or Docker group settings.
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("PRESCAL_") || k.equals("DOCKER_GID"));
    builder.environment().putAll(environment);
    Process process = builder.start();
    if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new IllegalStateException(
          String.join(" ", command) + ": no end after " + minutes + " min");
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          String.join(" ", args) + " failed (exit " + process.exitValue() + "); log: " + log);
    }
  }

  private static List<String> binary() {
    try {
      Process v2 =
          new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
      v2.getInputStream().readAllBytes();
      if (v2.waitFor(20, TimeUnit.SECONDS) && v2.exitValue() == 0) {
        return List.of("docker", "compose");
      }
    } catch (IOException e) {
      // no docker client at all: try v1 below, which fails with its own message
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return List.of("docker-compose");
  }
}
