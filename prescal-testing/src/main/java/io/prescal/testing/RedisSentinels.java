package io.prescal.testing;

import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * A Redis master, one replica and three Sentinels (quorum 2), all {@code redis-server} processes on
 * loopback, for failover tests: {@link #killMaster()} kills the master (SIGKILL) and {@link
 * #awaitFailover()} waits until the Sentinels have promoted the replica.
 *
 * <pre>{@code
 * try (RedisSentinels redis = RedisSentinels.start("main")) {
 *   connect to redis.uri() ... ; redis.killMaster(); redis.awaitFailover(); ...
 * }
 * }</pre>
 */
public final class RedisSentinels implements AutoCloseable {

  private static final Duration FAILOVER_WAIT = Duration.ofSeconds(60);

  private final String master;
  private final RedisProcess first;
  private final RedisProcess replica;
  private final List<RedisProcess> sentinels = new ArrayList<>();

  private RedisSentinels(String master) {
    this.master = master;
    this.first = RedisProcess.server();
    this.replica = RedisProcess.replicaOf(first);
  }

  /** Starts the master, the replica (synced) and three Sentinels that see both. */
  public static RedisSentinels start(String master) {
    RedisSentinels set = new RedisSentinels(master);
    try {
      set.first.start();
      set.replica.start();
      Awaitility.await("replica on 127.0.0.1:" + set.replica.port() + " in sync")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(100))
          .ignoreExceptions()
          .until(() -> replication(set.replica.port()).contains("master_link_status:up"));
      for (int i = 0; i < 3; i++) {
        set.sentinels.add(RedisProcess.sentinel(set.first, master, 2).start());
      }
      Awaitility.await("sentinels seeing the replica and each other")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () ->
                  set.sentinels.stream()
                      .allMatch(
                          s -> {
                            Map<String, String> view = sentinelView(s.port(), master);
                            return "1".equals(view.get("num-slaves"))
                                && "2".equals(view.get("num-other-sentinels"));
                          }));
      return set;
    } catch (RuntimeException e) {
      set.close();
      throw e;
    }
  }

  /**
   * {@code redis-sentinel://127.0.0.1:<p1>,127.0.0.1:<p2>,127.0.0.1:<p3>/0#<master>}, the address
   * every Prescal component takes.
   */
  public String uri() {
    StringBuilder b = new StringBuilder("redis-sentinel://");
    for (int i = 0; i < sentinels.size(); i++) {
      b.append(i == 0 ? "" : ",").append("127.0.0.1:").append(sentinels.get(i).port());
    }
    return b.append("/0#").append(master).toString();
  }

  /** The port of the current master, as the Sentinels tell it. */
  public int masterPort() {
    return Integer.parseInt(sentinelView(sentinels.getFirst().port(), master).get("port"));
  }

  /** {@code redis://127.0.0.1:<port>} of the master the set started with. */
  public String firstMasterUri() {
    return first.uri();
  }

  /** {@code redis://127.0.0.1:<port>} of the replica, the master after a failover. */
  public String replicaUri() {
    return replica.uri();
  }

  /** Kills the master at once, as a crash would. */
  public void killMaster() {
    first.kill();
  }

  /** Waits until the Sentinels name the replica as master and it takes writes. */
  public void awaitFailover() {
    Awaitility.await("Sentinels promoting the replica on 127.0.0.1:" + replica.port())
        .atMost(FAILOVER_WAIT)
        .pollInterval(Duration.ofMillis(200))
        .ignoreExceptions()
        .until(
            () ->
                masterPort() == replica.port()
                    && replication(replica.port()).contains("role:master"));
  }

  @Override
  public void close() {
    sentinels.forEach(RedisProcess::close);
    replica.close();
    first.close();
  }

  /** The replication section of INFO from the Redis on {@code port}. */
  private static String replication(int port) {
    RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
    try (var connection = client.connect()) {
      return connection.sync().info("replication");
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }

  /** What the Sentinel on {@code port} knows of {@code master}. */
  private static Map<String, String> sentinelView(int port, String master) {
    RedisClient client = RedisClient.create("redis://127.0.0.1:" + port);
    try (var connection = client.connectSentinel()) {
      return connection.sync().master(master);
    } finally {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
    }
  }
}
