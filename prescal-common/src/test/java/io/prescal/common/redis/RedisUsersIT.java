package io.prescal.common.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.Range;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.prescal.common.Channels;
import io.prescal.common.Keys;
import io.prescal.testing.LockedRedis;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Redis users of deploy/redis/users.acl.in on a real Redis: each may use its own channels and
 * keys and nothing else; nobody gets in without a password. (Each service's own IT shows that its
 * user is enough for everything it does.)
 */
class RedisUsersIT {

  @TempDir static Path dir;
  private static LockedRedis redis;

  @BeforeAll
  static void start() throws Exception {
    redis = LockedRedis.start(dir);
  }

  @AfterAll
  static void stop() throws Exception {
    redis.close();
  }

  @Test
  void withoutAUserNothingIsAllowed() {
    assertThatThrownBy(() -> RedisClient.create("redis://127.0.0.1:" + redis.port()).connect())
        .hasStackTraceContaining("NOAUTH");
    assertThatThrownBy(
            () -> RedisClient.create("redis://default:guess@127.0.0.1:" + redis.port()).connect())
        .hasStackTraceContaining("WRONGPASS");
  }

  @Test
  void noUserMayRunAdminCommandsOrTouchAnotherKey() {
    for (String user : LockedRedis.USERS) {
      as(
          user,
          r -> {
            assertThat(r.ping()).isEqualTo("PONG");
            denied(r::flushall);
            denied(() -> r.keys("*"));
            denied(() -> r.configGet("*"));
            denied(() -> r.aclList());
            denied(() -> r.clientList());
            denied(() -> r.set("elsewhere", "x"));
            denied(() -> r.publish("elsewhere", "x"));
          });
    }
  }

  @Test
  void eachServiceMayWriteOnlyWhatItWrites() {
    as(
        "event",
        r -> {
          assertThat(r.xadd(Keys.EVENT_LOG, "json", "{}")).isNotNull();
          r.publish(Channels.STATE, "{}");
          denied(() -> r.publish(Channels.COMMANDS, "{}"));
        });
    as(
        "dashboard",
        r -> {
          assertThat(r.xrevrange(Keys.EVENT_LOG, Range.unbounded())).isNotEmpty();
          r.publish(Channels.COMMANDS, "{}");
          denied(() -> r.xadd(Keys.EVENT_LOG, "json", "{}"));
          denied(() -> r.publish(Channels.METRICS, "{}"));
          denied(() -> r.del(Keys.EVENT_LOG));
        });
    as(
        "proxy",
        r -> {
          r.publish(Channels.EVENTS, "{}");
          r.publish(Channels.METRICS, "{}");
          denied(() -> r.publish(Channels.STATE, "{}"));
          denied(() -> r.xrevrange(Keys.EVENT_LOG, Range.unbounded()));
        });
    as(
        "observer",
        r -> {
          assertThat(r.xrevrange(Keys.EVENT_LOG, Range.unbounded())).isNotEmpty();
          denied(() -> r.publish(Channels.EVENTS, "{}"));
          denied(() -> r.publish(Channels.COMMANDS, "{}"));
          denied(() -> r.xadd(Keys.EVENT_LOG, "json", "{}"));
        });
  }

  private static void denied(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOf(RedisCommandExecutionException.class)
        .hasMessageStartingWith("NOPERM");
  }

  private static void as(String user, Consumer<RedisCommands<String, String>> body) {
    String url = user == null ? "redis://127.0.0.1:" + redis.port() : redis.urlWithPassword(user);
    try (RedisClient client = RedisClient.create(url);
        StatefulRedisConnection<String, String> connection = client.connect()) {
      body.accept(connection.sync());
    }
  }
}
