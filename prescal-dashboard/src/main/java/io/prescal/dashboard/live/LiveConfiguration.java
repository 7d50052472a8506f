package io.prescal.dashboard.live;

import io.lettuce.core.ClientOptions;
import io.prescal.common.Channels;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.redis.RedisAccess;
import io.prescal.dashboard.config.DashboardProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Wires the one Redis subscription, the probe and the codec. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class LiveConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  EventCodec eventCodec() {
    return new EventCodec();
  }

  @Bean
  LiveFeed liveFeed(EventCodec codec) {
    return new LiveFeed(codec);
  }

  /**
   * The only subscription of the process: state and events, fanned out by the feed. Not started
   * with the application: {@link LiveSubscription} starts it once Redis answers, so that the
   * dashboard starts (and shows its banner) without Redis.
   */
  @Bean
  RedisMessageListenerContainer liveSubscriptionContainer(
      RedisConnectionFactory connections, LiveFeed feed) {
    RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    container.setConnectionFactory(connections);
    container.setAutoStartup(false);
    // Retry quickly: the banner promises recovery by itself.
    container.setRecoveryInterval(1000);
    container.addMessageListener(
        feed, List.of(new ChannelTopic(Channels.STATE), new ChannelTopic(Channels.EVENTS)));
    return container;
  }

  @Bean
  LiveSubscription liveSubscription(RedisMessageListenerContainer liveSubscriptionContainer) {
    return new LiveSubscription(liveSubscriptionContainer);
  }

  @Bean
  RedisLink redisLink(
      StringRedisTemplate redis,
      LiveSubscription subscription,
      LiveFeed feed,
      DashboardProperties properties,
      Clock clock,
      RedisAccess redisAccess) {
    return new RedisLink(redis, subscription, feed, properties, clock, redisAccess.address());
  }

  /**
   * While Redis is away, fail commands at once instead of queueing them until the timeout: views
   * then say "stale" right away rather than hang.
   */
  @Bean
  LettuceClientOptionsBuilderCustomizer failFastWhileDisconnected() {
    return options ->
        options.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
  }
}
