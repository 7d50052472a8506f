package io.prescal.event.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.prescal.common.Channels;
import io.prescal.common.codec.DecodeCounters;
import io.prescal.common.codec.Decoded;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * Prometheus meters of the ingest: messages read, rejected by kind, dropped, lag, the queue and the
 * subscription's connection losses.
 */
public final class IngestMeters {

  private IngestMeters() {}

  /** Every outcome kind {@link DecodeCounters} knows, so each shows up (at 0) before it happens. */
  static List<String> kinds() {
    List<String> kinds = new ArrayList<>();
    for (Decoded.SkipReason r : Decoded.SkipReason.values()) {
      kinds.add("skipped." + ChannelIngest.kind(r));
    }
    for (Decoded.MalformedKind k : Decoded.MalformedKind.values()) {
      kinds.add("malformed." + ChannelIngest.kind(k));
    }
    return kinds;
  }

  static void register(MeterRegistry meters, String channel, DecodeCounters counters) {
    FunctionCounter.builder("prescal.event.messages", counters, DecodeCounters::events)
        .description("Messages read and accepted")
        .tag("channel", channel)
        .register(meters);
    for (String kind : kinds()) {
      FunctionCounter.builder(
              "prescal.event.messages.rejected", counters, c -> c.byKind().getOrDefault(kind, 0L))
          .description("Messages skipped or dropped as unreadable, by kind")
          .tag("channel", channel)
          .tag("kind", kind)
          .register(meters);
    }
  }

  static Timer lag(MeterRegistry meters, String channel) {
    return Timer.builder("prescal.event.ingest.lag")
        .description(
            "Time from a message's envelope time to its handling here (at most one message per"
                + " millisecond sampled)")
        .tag("channel", channel)
        .publishPercentiles(0.5, 0.99)
        .register(meters);
  }

  /**
   * Messages dropped by the hand-off (queue full) or the worker (handling failed), and the queue.
   */
  public static void registerHandOff(MeterRegistry meters, IngestQueue queue, IngestWorker worker) {
    for (String channel : List.of(Channels.EVENTS, Channels.METRICS)) {
      dropped(meters, channel, "queue-full", queue, q -> q.dropped(channel));
      dropped(meters, channel, "failed", worker, w -> w.failed(channel));
    }
    Gauge.builder("prescal.event.ingest.pending", queue, IngestQueue::pending)
        .description("Messages read and waiting to be handled")
        .register(meters);
    Gauge.builder("prescal.event.ingest.pending.bytes", queue, IngestQueue::pendingBytes)
        .description("Bytes the waiting messages hold")
        .register(meters);
  }

  private static <T> void dropped(
      MeterRegistry meters, String channel, String reason, T source, ToDoubleFunction<T> count) {
    FunctionCounter.builder("prescal.event.messages.dropped", source, count)
        .description("Messages read but not handled: queue full or handling failed")
        .tag("channel", channel)
        .tag("reason", reason)
        .register(meters);
  }

  /** Losses of the subscription's connection (messages published meanwhile never arrive). */
  public static void registerSubscription(MeterRegistry meters, ChannelSubscription subscription) {
    FunctionCounter.builder("prescal.event.subscription.lost", subscription, s -> s.lost())
        .description("Times the subscription's connection to Redis was lost")
        .register(meters);
  }
}
