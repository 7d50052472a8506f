package io.prescal.testing;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Redis locked down as Prescal starts it: a local {@code redis-server} process with the
 * repository's ACL users (made by {@code deploy/redis/redis-users.sh} from {@code
 * deploy/redis/users.acl.in}, as docker-compose.yml and {@code ./prescal up} make them), the {@code
 * default} user off, optionally TLS only with a CA and a server certificate made now with {@code
 * openssl}. Without {@code redis-server} or {@code openssl} the test is skipped, except under
 * {@code CI=true}, where it fails.
 */
public final class LockedRedis implements AutoCloseable {

  /** The users of deploy/redis/users.acl.in. */
  public static final List<String> USERS = List.of("proxy", "event", "dashboard", "observer");

  private final Process process;
  private final Path dir;
  private final int port;
  private final boolean tls;

  private LockedRedis(Process process, Path dir, int port, boolean tls) {
    this.process = process;
    this.dir = dir;
    this.port = port;
    this.tls = tls;
  }

  /** A Redis with the ACL users on a free loopback port, plain TCP. */
  public static LockedRedis start(Path dir) throws IOException, InterruptedException {
    return start(dir, false);
  }

  /** A Redis with the ACL users on a free loopback port, TLS only when {@code tls}. */
  public static LockedRedis start(Path dir, boolean tls) throws IOException, InterruptedException {
    requireProgram("redis-server");
    Path root = repositoryRoot();
    List<String> users =
        new ArrayList<>(
            List.of(
                root.resolve("deploy/redis/redis-users.sh").toString(),
                dir.resolve("users.acl").toString()));
    for (String user : USERS) {
      users.add(user + "=" + dir.resolve(user + ".password"));
    }
    run(dir, users);
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
                "--aclfile",
                dir.resolve("users.acl").toString()));
    if (tls) {
      requireProgram("openssl");
      makeCertificates(dir);
      command.addAll(
          List.of(
              "--port",
              "0",
              "--tls-port",
              Integer.toString(port),
              "--tls-cert-file",
              dir.resolve("redis.crt").toString(),
              "--tls-key-file",
              dir.resolve("redis.key").toString(),
              "--tls-ca-cert-file",
              dir.resolve("ca.crt").toString(),
              "--tls-auth-clients",
              "no"));
    } else {
      command.addAll(List.of("--port", Integer.toString(port)));
    }
    Path log = dir.resolve("redis.log");
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    LockedRedis redis = new LockedRedis(process, dir, port, tls);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!Files.readString(log).contains("Ready to accept connections")) {
      if (!process.isAlive() || Instant.now().isAfter(deadline)) {
        redis.close();
        throw new IllegalStateException("redis-server did not start: " + Files.readString(log));
      }
      Thread.sleep(50);
    }
    return redis;
  }

  /**
   * The URL for {@code user} that names the user only: the password is in {@link #passwordFile}.
   */
  public String url(String user) {
    return (tls ? "rediss" : "redis") + "://" + user + "@127.0.0.1:" + port;
  }

  /** The URL for {@code user} with its password in it. */
  public String urlWithPassword(String user) {
    return (tls ? "rediss" : "redis") + "://" + user + ":" + password(user) + "@127.0.0.1:" + port;
  }

  /** The file that holds {@code user}'s password. */
  public Path passwordFile(String user) {
    return dir.resolve(user + ".password");
  }

  /** {@code user}'s password. */
  public String password(String user) {
    try {
      return Files.readAllLines(passwordFile(user)).getFirst().strip();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The CA certificate (PEM) that signed the server's certificate; only with TLS. */
  public Path caFile() {
    return dir.resolve("ca.crt");
  }

  public int port() {
    return port;
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }

  private static void makeCertificates(Path dir) throws IOException, InterruptedException {
    Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
    run(
        dir,
        List.of(
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.crt",
            "-days",
            "2",
            "-subj",
            "/CN=prescal-test-ca"));
    run(
        dir,
        List.of(
            "openssl",
            "req",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            "redis.key",
            "-out",
            "redis.csr",
            "-subj",
            "/CN=localhost"));
    run(
        dir,
        List.of(
            "openssl",
            "x509",
            "-req",
            "-in",
            "redis.csr",
            "-CA",
            "ca.crt",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "redis.crt",
            "-days",
            "2",
            "-extfile",
            "san.ext"));
  }

  private static void run(Path dir, List<String> command) throws IOException, InterruptedException {
    Process process =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
    }
  }

  private static void requireProgram(String name) {
    boolean found =
        List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")).stream()
            .anyMatch(d -> Files.isExecutable(Path.of(d, name)));
    if (!found) {
      String why =
          name
              + " is not on the PATH: apt-get install -y "
              + (name.equals("openssl") ? "openssl" : "redis-server");
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        throw new IllegalStateException("CI=true but " + why);
      }
      Assumptions.abort("Skipped: " + why);
    }
  }

  /** The checkout's root: the first directory up from here that holds deploy/redis. */
  private static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("deploy/redis/redis-users.sh"))) {
        return p;
      }
    }
    throw new IllegalStateException(
        "no deploy/redis/redis-users.sh above " + Path.of("").toAbsolutePath());
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
