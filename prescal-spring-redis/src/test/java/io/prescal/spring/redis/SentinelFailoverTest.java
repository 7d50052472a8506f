package io.prescal.spring.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.prescal.common.redis.RedisAccess;
import io.prescal.testing.RedisSentinels;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * A Spring Boot service given a {@code redis-sentinel://} address (as prescal-event and the
 * dashboard are) follows a failover: a real master, replica and three Sentinels on loopback; the
 * master is killed while the service writes and listens; writes wait or fail for a while (each
 * failure counted), then land on the promoted replica, and the subscription comes back on it.
 */
class SentinelFailoverTest {

  @Test
  void writesAndTheSubscriptionMoveToTheNewMaster() {
    try (RedisSentinels redis = RedisSentinels.start("prescal-main")) {
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
          .withUserConfiguration(PrescalRedisConfiguration.class)
          .withInitializer(
              context ->
                  context
                      .getEnvironment()
                      .getPropertySources()
                      .addFirst(
                          new SystemEnvironmentPropertySource(
                              "systemEnvironment", Map.of("PRESCAL_REDIS_URL", redis.uri()))))
          .run(
              context -> {
                assertThat(context).hasNotFailed();
                assertThat(context.getBean(RedisAccess.class).sentinel()).isTrue();
                StringRedisTemplate template = context.getBean(StringRedisTemplate.class);
                List<String> received = new CopyOnWriteArrayList<>();
                RedisMessageListenerContainer container = new RedisMessageListenerContainer();
                container.setConnectionFactory(context.getBean(RedisConnectionFactory.class));
                container.setRecoveryInterval(500);
                container.addMessageListener(
                    (message, pattern) -> received.add(new String(message.getBody())),
                    new ChannelTopic("failover-test"));
                container.afterPropertiesSet();
                container.start();
                try {
                  template.convertAndSend("failover-test", "before");
                  await().atMost(Duration.ofSeconds(10)).until(() -> received.contains("before"));

                  AtomicLong written = new AtomicLong();
                  AtomicLong failed = new AtomicLong();
                  AtomicBoolean running = new AtomicBoolean(true);
                  Thread writer =
                      Thread.ofPlatform()
                          .start(
                              () -> {
                                while (running.get()) {
                                  try {
                                    template.opsForValue().increment("written");
                                    written.incrementAndGet();
                                  } catch (RuntimeException e) {
                                    failed.incrementAndGet();
                                  }
                                  try {
                                    Thread.sleep(10);
                                  } catch (InterruptedException e) {
                                    return;
                                  }
                                }
                              });
                  await().atMost(Duration.ofSeconds(10)).until(() -> written.get() > 20);

                  redis.killMaster();
                  redis.awaitFailover();
                  long afterFailover = written.get();
                  await()
                      .atMost(Duration.ofSeconds(60))
                      .until(() -> written.get() > afterFailover + 20);
                  running.set(false);
                  writer.join();

                  // The writes after the failover are on the promoted replica.
                  RedisClient direct = RedisClient.create(redis.replicaUri());
                  long onReplica;
                  try (var connection = direct.connect()) {
                    onReplica = Long.parseLong(connection.sync().get("written"));
                  } finally {
                    direct.shutdown();
                  }
                  assertThat(onReplica).isGreaterThan(afterFailover);
                  // Every write either answered or failed with an exception, counted here;
                  // none is acknowledged twice.
                  assertThat(onReplica).isLessThanOrEqualTo(written.get());
                  System.out.printf(
                      "sentinel failover: %d writes answered (%d on the new master), %d failed%n",
                      written.get(), onReplica, failed.get());

                  await()
                      .atMost(Duration.ofSeconds(60))
                      .until(
                          () -> {
                            template.convertAndSend("failover-test", "after");
                            return received.contains("after");
                          });
                } finally {
                  container.stop();
                  container.destroy();
                }
              });
    }
  }
}
