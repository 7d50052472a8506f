package io.prescal.event.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.prescal.common.Channels;
import io.prescal.common.codec.DecodeCounters;
import io.prescal.common.codec.Decoded;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Command;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.StateSnapshot;
import io.prescal.event.aggregate.Aggregator;
import io.prescal.event.config.EventProperties;
import io.prescal.event.notify.Notifier;
import io.prescal.event.store.EventLog;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Handles every message of {@code prescal:events} and {@code prescal:metrics}: decodes it, counts
 * what it cannot read (and goes on), hands metrics to the {@link Aggregator} and discrete events to
 * the aggregator, the {@link EventLog} (the raw bytes, as received) and the {@link Notifier}. Runs
 * on the {@link IngestWorker}'s thread (and, for oversized messages, which are only counted, on the
 * subscriber's), so it only records: merging happens once per tick.
 */
@Component
public class ChannelIngest implements IngestWorker.Handler {

  private final EventCodec codec;
  private final Aggregator aggregator;
  private final EventLog log;
  private final Notifier notifier;
  private final Clock clock;
  private final String ownSource;
  private final Map<String, DecodeCounters> counters =
      Map.of(
          Channels.EVENTS, new DecodeCounters("prescal-event on " + Channels.EVENTS),
          Channels.METRICS, new DecodeCounters("prescal-event on " + Channels.METRICS));
  private final Map<String, LagSampler> lag;

  public ChannelIngest(
      EventCodec codec,
      Aggregator aggregator,
      EventLog log,
      Notifier notifier,
      Clock clock,
      EventProperties properties,
      MeterRegistry meters) {
    this.codec = codec;
    this.aggregator = aggregator;
    this.log = log;
    this.notifier = notifier;
    this.clock = clock;
    this.ownSource = properties.source();
    counters.forEach((channel, c) -> IngestMeters.register(meters, channel, c));
    this.lag =
        Map.of(
            Channels.EVENTS, new LagSampler(IngestMeters.lag(meters, Channels.EVENTS)),
            Channels.METRICS, new LagSampler(IngestMeters.lag(meters, Channels.METRICS)));
    FunctionCounter.builder("prescal.event.log.written", log, EventLog::written)
        .description("Event log entries written to Redis")
        .register(meters);
    FunctionCounter.builder("prescal.event.log.dropped", log, EventLog::dropped)
        .description("Event log entries dropped because Redis was away too long")
        .register(meters);
  }

  /** Handles one message of {@code channel}, one of {@link Channels#EVENTS} and {@code METRICS}. */
  @Override
  public void handle(String channel, byte[] body) {
    DecodeCounters channelCounters = counters.get(channel);
    if (channelCounters == null) {
      return;
    }
    Decoded decoded = codec.decode(body);
    channelCounters.accept(decoded).ifPresent(envelope -> route(channel, envelope, body));
  }

  private void route(String channel, Envelope envelope, byte[] body) {
    Instant now = clock.instant();
    lag.get(channel).sample(envelope.time(), now);
    switch (envelope.data()) {
      case MetricsSnapshot m -> aggregator.onMetrics(envelope.source(), m, now);
      // Not discrete events: state is ours, commands have their own channel.
      case StateSnapshot s -> {}
      case Command c -> {}
      default -> {
        if (channel.equals(Channels.EVENTS) && !ownSource.equals(envelope.source())) {
          aggregator.onEvent(envelope, now);
          log.append(body);
          notifier.offer(envelope);
        }
      }
    }
  }

  /** Counts by kind for one channel, for tests and the status page. */
  public Map<String, Long> rejectedByKind(String channel) {
    return counters.get(channel).byKind();
  }

  /** Events accepted on one channel. */
  public long accepted(String channel) {
    return counters.get(channel).events();
  }

  static String kind(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
