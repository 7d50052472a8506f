package io.prescal.event.ingest;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.prescal.common.codec.DecodeCounters;
import io.prescal.common.codec.Decoded;
import java.util.ArrayList;
import java.util.List;

/** Prometheus meters of the ingest: messages read, rejected by kind, and lag. */
final class IngestMeters {

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
        .description("Time from a message's envelope time to its arrival here")
        .tag("channel", channel)
        .publishPercentiles(0.5, 0.99)
        .register(meters);
  }
}
