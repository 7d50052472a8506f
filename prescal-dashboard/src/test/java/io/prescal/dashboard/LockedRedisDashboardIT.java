package io.prescal.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.prescal.common.Channels;
import io.prescal.common.Keys;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.ScaleCommand;
import io.prescal.common.event.StateSnapshot;
import io.prescal.common.history.HistoryPoint;
import io.prescal.dashboard.command.CommandPublisher;
import io.prescal.dashboard.history.EventLogReader;
import io.prescal.dashboard.history.HistoryReader;
import io.prescal.dashboard.live.LiveFeed;
import io.prescal.testing.ChannelRecorder;
import io.prescal.testing.LockedRedis;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The dashboard against a real Redis locked down as Prescal starts it, over TLS: it logs in as the
 * ACL user {@code dashboard} with its password from a file and trusts the test's CA from a file,
 * and everything it does with Redis works with that user's rights: the probe, the state and event
 * subscription, the event log and history reads, and sending a command.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "prescal.dashboard.users.ops.password=ops-password",
      "prescal.dashboard.users.ops.role=operator",
      "prescal.commands.secret=locked-redis-test-secret-0123"
    })
class LockedRedisDashboardIT {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static LockedRedis redis;

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) throws IOException, InterruptedException {
    redis = LockedRedis.start(Files.createTempDirectory("locked-redis-dashboard"), true);
    registry.add("spring.data.redis.url", () -> redis.url("dashboard"));
    registry.add("prescal.redis.password-file", () -> redis.passwordFile("dashboard").toString());
    registry.add("prescal.redis.ca-file", () -> redis.caFile().toString());
  }

  @AfterAll
  static void stopRedis() throws InterruptedException {
    if (redis != null) {
      redis.close();
    }
  }

  @AfterEach
  void forgetTheUser() {
    SecurityContextHolder.clearContext();
  }

  @Autowired LiveFeed feed;
  @Autowired EventLogReader eventLog;
  @Autowired HistoryReader history;
  @Autowired CommandPublisher commands;

  private final EventCodec codec = new EventCodec();

  @Test
  void theDashboardUserIsEnoughForEverythingTheDashboardDoes() throws Exception {
    assertThat(redis.url("dashboard")).startsWith("rediss://dashboard@");
    await().atMost(WAIT).until(() -> feed.status().map(s -> s.redisUp()).orElse(false));

    Instant now = Instant.now();
    try (RedisClient client = RedisClient.create(testClientUrl("event"));
        StatefulRedisConnection<String, String> connection = client.connect()) {
      // Written as prescal-event writes them, with the event user's rights.
      RedisCommands<String, String> event = connection.sync();
      long time = now.minusSeconds(5).toEpochMilli() / 1000 * 1000;
      event.zadd(
          Keys.history("web", Keys.Resolution.SECOND),
          time,
          codec.writePoint(new HistoryPoint(time, 10, 0, 5, 9, 1, 1, 0, 0)));
      event.xadd(
          Keys.EVENT_LOG,
          Keys.EVENT_LOG_FIELD,
          codec.encode(Envelope.of("proxy-1", "web", new BackendReady("web-1", "127.0.0.1:9", 3))));
      await()
          .atMost(WAIT)
          .until(
              () -> {
                event.publish(
                    Channels.STATE,
                    codec.encode(
                        Envelope.of(
                            "event", null, new StateSnapshot(List.of(), List.of(), List.of(), 1))));
                return feed.latest().isPresent();
              });
    }
    assertThat(eventLog.recent()).extracting(Envelope::service).containsExactly("web");
    assertThat(history.points("web", Duration.ofMinutes(5), now)).hasSize(1);

    // As the proxy user: the dashboard's command reaches what the proxy may read.
    try (ChannelRecorder<ChannelRecorder.Message> proxy =
        ChannelRecorder.raw(testClientUrl("proxy"), Channels.COMMANDS)) {
      SecurityContextHolder.getContext()
          .setAuthentication(
              new UsernamePasswordAuthenticationToken(
                  "ops", null, List.of(new SimpleGrantedAuthority("ROLE_OPERATOR"))));
      Envelope command = commands.send("web", new ScaleCommand(2, "ops"));
      assertThat(proxy.await(m -> true, Duration.ofSeconds(10)).text()).contains(command.id());
    }
  }

  /** A test client's URL: the password inline, and no certificate check over TLS. */
  private static String testClientUrl(String user) {
    return redis.urlWithPassword(user) + "?verifyPeer=NONE";
  }
}
