package io.prescal.event;

import io.prescal.common.Channels;
import io.prescal.common.codec.EventCodec;
import io.prescal.event.aggregate.Aggregator;
import io.prescal.event.alert.AlertEvaluator;
import io.prescal.event.config.EventProperties;
import io.prescal.event.ingest.ChannelIngest;
import io.prescal.event.ingest.SubscriptionStarter;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/** The beans that are not components: codec, clock, aggregator, alert rules, the subscription. */
@Configuration(proxyBeanMethods = false)
class PipelineConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  EventCodec eventCodec(EventProperties properties) {
    return new EventCodec(properties.maxMessageBytes());
  }

  @Bean
  Aggregator aggregator(EventProperties properties) {
    return new Aggregator(properties.staleAfter(), properties.forgetAfter());
  }

  @Bean
  AlertEvaluator alertEvaluator(EventProperties properties) {
    return new AlertEvaluator(properties.alerts(), properties.staleAfter());
  }

  /**
   * One subscription for both channels. Messages are handled on the subscriber's own thread (no
   * task per message): the ingest only records, so this is the fastest and keeps the order.
   */
  @Bean
  RedisMessageListenerContainer subscription(
      RedisConnectionFactory connections, ChannelIngest ingest) {
    RedisMessageListenerContainer container = new RedisMessageListenerContainer();
    container.setConnectionFactory(connections);
    container.setTaskExecutor(new SyncTaskExecutor());
    container.setAutoStartup(false); // started by the SubscriptionStarter, which retries
    container.addMessageListener(
        ingest, List.of(new ChannelTopic(Channels.EVENTS), new ChannelTopic(Channels.METRICS)));
    return container;
  }

  @Bean
  SubscriptionStarter subscriptionStarter(RedisMessageListenerContainer subscription) {
    return new SubscriptionStarter(subscription);
  }
}
