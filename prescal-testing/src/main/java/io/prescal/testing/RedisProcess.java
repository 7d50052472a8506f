package io.prescal.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A throwaway {@code redis-server} process (Debian's package) on a loopback port, for tests that
 * need Redis to come later, go away and come back, or several Redis processes at once (a master,
 * its replicas, sentinels), with no Docker. The port is chosen when the object is made and kept
 * across restarts; nothing is persisted. Start it with {@link #start()}; {@link #close()} kills it.
 *
 * <pre>{@code
 * try (RedisProcess redis = RedisProcess.server()) {
 *   // something that must cope with no Redis at redis.uri() ...
 *   redis.start();
 * }
 * }</pre>
 */
public final class RedisProcess implements AutoCloseable {

  private static final Duration START_WAIT = Duration.ofSeconds(20);

  private final int port;
  private final List<String> arguments;
  private final Path directory;
  private final Path configFile;
  private Process process;

  private RedisProcess(int port, List<String> arguments, Path directory, Path configFile) {
    this.port = port;
    this.arguments = arguments;
    this.directory = directory;
    this.configFile = configFile;
  }

  /** A plain Redis server on a free loopback port, not started; {@code extra} are more flags. */
  public static RedisProcess server(String... extra) {
    int port = RedisContainers.freeLoopbackPort();
    Path dir = tempDirectory();
    List<String> args = new ArrayList<>(common(port, dir));
    args.addAll(List.of(extra));
    return new RedisProcess(port, args, dir, null);
  }

  /** A replica of the Redis at {@code master}, on a free loopback port, not started. */
  public static RedisProcess replicaOf(RedisProcess master) {
    return server("--replicaof", "127.0.0.1", String.valueOf(master.port()));
  }

  /**
   * A sentinel watching {@code master} under the name {@code masterName}, agreeing with {@code
   * quorum} others, with short timeouts so that a failover takes a few seconds; not started.
   */
  public static RedisProcess sentinel(RedisProcess master, String masterName, int quorum) {
    int port = RedisContainers.freeLoopbackPort();
    Path dir = tempDirectory();
    Path config = dir.resolve("sentinel.conf");
    String text =
        String.join(
            "\n",
            "port " + port,
            "bind 127.0.0.1",
            "dir " + dir,
            "sentinel resolve-hostnames no",
            "sentinel monitor " + masterName + " 127.0.0.1 " + master.port() + " " + quorum,
            "sentinel down-after-milliseconds " + masterName + " 1000",
            "sentinel failover-timeout " + masterName + " 5000",
            "sentinel parallel-syncs " + masterName + " 1",
            "");
    try {
      Files.writeString(config, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new RedisProcess(port, List.of("--sentinel"), dir, config);
  }

  /** The loopback port it keeps across restarts. */
  public int port() {
    return port;
  }

  /** {@code redis://127.0.0.1:<port>}; the process need not be running. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** Starts the process and waits until it answers (PING, or its refusal without a password). */
  public synchronized RedisProcess start() {
    if (process != null && process.isAlive()) {
      return this;
    }
    List<String> command = new ArrayList<>();
    command.add("redis-server");
    if (configFile != null) {
      command.add(configFile.toString());
    }
    command.addAll(arguments);
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(directory.resolve("redis.log").toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot run redis-server (install Debian's redis-server package): " + e.getMessage(), e);
    }
    Awaitility.await("redis-server answering PING on 127.0.0.1:" + port)
        .atMost(START_WAIT)
        .pollInterval(Duration.ofMillis(50))
        .ignoreExceptions()
        .until(this::answers);
    return this;
  }

  /** Kills the process at once (SIGKILL), as a crash would: the port closes. */
  public synchronized void kill() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Whether the process runs. */
  public synchronized boolean running() {
    return process != null && process.isAlive();
  }

  /**
   * Whether it answers a PING now: {@code +PONG}, or an error such as {@code -NOAUTH} from one that
   * wants a password (it is up either way).
   */
  public boolean answers() throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(1000);
      s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      int first = s.getInputStream().read();
      return first == '+' || first == '-';
    }
  }

  /** Kills the process if it runs and removes its directory. */
  @Override
  public void close() {
    kill();
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }

  private static List<String> common(int port, Path dir) {
    return List.of(
        "--port",
        String.valueOf(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir.toString());
  }

  private static Path tempDirectory() {
    try {
      return Files.createTempDirectory("prescal-redis-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
