package io.prescal.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generator straight from the build, the two ways the README shows, each from a fresh
 * clone of the commit under test (uncommitted changes are not in it): {@code ./prescal build}
 * (limited to what traffic needs) then {@code ./mvnw -pl prescal-traffic exec:java}, and {@code
 * ./mvnw -pl prescal-traffic -am compile exec:java} in a clone that was never built. Each sends a
 * short load to a real {@code prescal-traffic serve} on loopback.
 *
 * <p>Maven reads the build's local repository as a read-only tail, without Prescal's own artifacts
 * (so nothing installed by an earlier build can hide a missing one), and writes to an empty one of
 * its own: no download when the outer build has cached what it needs, and nothing written to the
 * shared repository. {@code -Dprescal.cloneCommit=<sha>} tries another commit (b0c05b6 fails both
 * ways).
 */
class TrafficFromCleanCloneIT {
  private static final Duration BUILD_LIMIT = Duration.ofMinutes(5);
  private final List<Process> started = new ArrayList<>();
  private final List<Path> links = new ArrayList<>();

  @AfterEach
  void stopAll() throws IOException {
    for (Process p : started) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    // The links go before the temporary directory is deleted, so that nothing can ever walk
    // through them into the shared repository.
    for (Path link : links) {
      Files.deleteIfExists(link);
    }
  }

  @Test
  void execJavaRunsTheGeneratorFromAFreshCloneWithAndWithoutAm(@TempDir Path work)
      throws Exception {
    String commit = commitUnderTest();
    Path tail = sharedRepositoryWithoutPrescal(work.resolve("m2-tail"));
    int port = FreePorts.next();
    serve(port, work.resolve("serve.log"));
    String load = "-Dexec.args=load -n 200 -c 2 http://127.0.0.1:" + port + "/";

    // The README's order: build first, then the generator without -am.
    Path built = cloneAt(commit, work.resolve("built"));
    Path repo = work.resolve("m2-built");
    run(
        built,
        repo,
        tail,
        work.resolve("build.log"),
        "./prescal",
        "build",
        "-q",
        "-pl",
        "prescal-traffic",
        "-am");
    assertThat(installed(repo, "prescal-common"))
        .as("prescal-common installed by the build")
        .isTrue();
    String plain =
        run(
            built,
            repo,
            tail,
            work.resolve("exec.log"),
            "./mvnw",
            "-q",
            "-pl",
            "prescal-traffic",
            "exec:java",
            load);
    assertRan(plain);

    // -am from a clone nothing was built in, with nothing of Prescal's installed.
    Path fresh = cloneAt(commit, work.resolve("fresh"));
    String withAm =
        run(
            fresh,
            work.resolve("m2-fresh"),
            tail,
            work.resolve("exec-am.log"),
            "./mvnw",
            "-q",
            "-pl",
            "prescal-traffic",
            "-am",
            "compile",
            "exec:java",
            load);
    assertRan(withAm);
  }

  private static void assertRan(String output) {
    assertThat(output)
        .contains("closed model")
        .contains("200 requests")
        .contains("Status codes: 200: 200")
        .contains("Errors: 0 ");
  }

  /** HEAD of this checkout (or {@code prescal.cloneCommit}); skipped outside git unless CI. */
  private static String commitUnderTest() throws Exception {
    String override = System.getProperty("prescal.cloneCommit", "");
    if (!override.isBlank()) {
      return override;
    }
    boolean inGit = Files.exists(Jars.ROOT.resolve(".git"));
    if (!inGit && "true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(
          "CI=true but " + Jars.ROOT + " is not a git checkout: run CI from a clone");
    }
    Assumptions.assumeTrue(inGit, Jars.ROOT + " is not a git checkout: nothing to clone");
    Process p =
        new ProcessBuilder("git", "-C", Jars.ROOT.toString(), "rev-parse", "HEAD")
            .redirectErrorStream(true)
            .start();
    String sha = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    assertThat(p.waitFor()).as("git rev-parse HEAD: %s", sha).isZero();
    return sha;
  }

  private static Path cloneAt(String commit, Path dir) throws Exception {
    exec(List.of("git", "clone", "--quiet", "--no-checkout", Jars.ROOT.toString(), dir.toString()));
    exec(List.of("git", "-C", dir.toString(), "checkout", "--quiet", "--detach", commit));
    return dir;
  }

  private static void exec(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("%s: %s", command, out).isZero();
  }

  /**
   * A local repository made of links into the build's own, Prescal's artifacts left out. Maven only
   * reads a tail repository.
   */
  private Path sharedRepositoryWithoutPrescal(Path tail) throws IOException {
    Path shared =
        Path.of(
            System.getProperty(
                "prescal.localRepository",
                Path.of(System.getProperty("user.home"), ".m2", "repository").toString()));
    Files.createDirectories(tail.resolve("io"));
    try (DirectoryStream<Path> top = Files.newDirectoryStream(shared)) {
      for (Path entry : top) {
        if (!entry.getFileName().toString().equals("io")) {
          links.add(Files.createSymbolicLink(tail.resolve(entry.getFileName().toString()), entry));
        }
      }
    }
    Path io = shared.resolve("io");
    if (Files.isDirectory(io)) {
      try (DirectoryStream<Path> groups = Files.newDirectoryStream(io)) {
        for (Path entry : groups) {
          if (!entry.getFileName().toString().equals("prescal")) {
            links.add(
                Files.createSymbolicLink(
                    tail.resolve("io").resolve(entry.getFileName().toString()), entry));
          }
        }
      }
    }
    return tail;
  }

  private static boolean installed(Path repo, String artifact) throws IOException {
    Path dir = repo.resolve("io/prescal").resolve(artifact);
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (var files = Files.walk(dir)) {
      return files
          .map(f -> f.getFileName().toString())
          .anyMatch(name -> name.startsWith(artifact + "-") && name.endsWith(".jar"));
    }
  }

  private void serve(int port, Path log) throws Exception {
    Process p =
        new ProcessBuilder(
                Jars.java(),
                "-jar",
                Jars.of("prescal-traffic").toString(),
                "serve",
                "--bind",
                "127.0.0.1",
                "--port",
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    started.add(p);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> Http.status("http://127.0.0.1:" + port + "/healthz") == 200);
  }

  /** Runs {@code command} in {@code dir} with its own local repository; its output. */
  private String run(Path dir, Path repo, Path tail, Path log, String... command) throws Exception {
    Files.createDirectories(repo);
    ProcessBuilder builder =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    builder.redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    // Maven 3.9 adds MAVEN_ARGS to every command line, the launcher's included.
    env.put("MAVEN_ARGS", "-B -Dmaven.repo.local=" + repo + " -Dmaven.repo.local.tail=" + tail);
    Process p = builder.start();
    started.add(p);
    boolean done = p.waitFor(BUILD_LIMIT.toSeconds(), TimeUnit.SECONDS);
    String output = Files.readString(log);
    assertThat(done)
        .as("%s still running after %s:%n%s", List.of(command), BUILD_LIMIT, tail(output))
        .isTrue();
    assertThat(p.exitValue()).as("%s exit code:%n%s", List.of(command), tail(output)).isZero();
    return output;
  }

  private static String tail(String output) {
    String[] lines = output.split("\n");
    return String.join("\n", List.of(lines).subList(Math.max(0, lines.length - 40), lines.length));
  }
}
