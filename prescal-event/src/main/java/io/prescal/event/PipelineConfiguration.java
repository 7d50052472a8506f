package io.prescal.event;

import io.lettuce.core.protocol.ProtocolVersion;
import io.micrometer.core.instrument.MeterRegistry;
import io.prescal.common.codec.EventCodec;
import io.prescal.event.aggregate.Aggregator;
import io.prescal.event.alert.AlertEvaluator;
import io.prescal.event.config.EventProperties;
import io.prescal.event.ingest.ChannelIngest;
import io.prescal.event.ingest.ChannelSubscription;
import io.prescal.event.ingest.IngestMeters;
import io.prescal.event.ingest.IngestQueue;
import io.prescal.event.ingest.IngestWorker;
import java.time.Clock;
import org.springframework.boot.data.redis.autoconfigure.LettuceClientOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The beans that are not components: codec, clock, aggregator, alert rules, and the ingest path
 * (subscription, queue, worker).
 */
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
  Aggregator aggregator(EventProperties properties, MeterRegistry meters) {
    Aggregator aggregator =
        new Aggregator(
            properties.staleAfter(),
            properties.forgetAfter(),
            properties.limits().maxProxies(),
            properties.limits().maxServices());
    AggregatorMeters.register(meters, aggregator);
    return aggregator;
  }

  @Bean
  AlertEvaluator alertEvaluator(EventProperties properties) {
    return new AlertEvaluator(properties.alerts(), properties.staleAfter());
  }

  /**
   * RESP2 rather than RESP3: Lettuce decodes a RESP3 push message twice (into a list of copied
   * buffers, then into the codec's types), a RESP2 Pub/Sub message once. Measured with Lettuce
   * alone, a million 250-byte messages: the I/O thread spent 1.0-1.3 us per message instead of
   * 2.0-2.1 us. Nothing here uses what RESP3 adds.
   */
  @Bean
  LettuceClientOptionsBuilderCustomizer resp2() {
    return options -> options.protocolVersion(ProtocolVersion.RESP2);
  }

  @Bean
  IngestQueue ingestQueue(EventProperties properties) {
    return new IngestQueue(properties.ingest().queueBytes());
  }

  @Bean
  IngestWorker ingestWorker(IngestQueue queue, ChannelIngest ingest, MeterRegistry meters) {
    IngestWorker worker = new IngestWorker(queue, ingest);
    IngestMeters.registerHandOff(meters, queue, worker);
    return worker;
  }

  /** One subscription for both channels; its I/O thread only hands messages to the worker. */
  @Bean
  ChannelSubscription channelSubscription(
      LettuceConnectionFactory connections,
      IngestQueue queue,
      ChannelIngest ingest,
      EventProperties properties,
      MeterRegistry meters) {
    ChannelSubscription subscription =
        new ChannelSubscription(connections, queue, ingest, properties.maxMessageBytes());
    IngestMeters.registerSubscription(meters, subscription);
    return subscription;
  }
}
