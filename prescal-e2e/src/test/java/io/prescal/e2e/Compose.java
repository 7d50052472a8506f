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

  String project() {
    return project;
  }

  private void run(int minutes, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(base);
    command.addAll(
        List.of("-p", project, "-f", Jars.ROOT.resolve("docker-compose.yml").toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(Jars.ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
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
