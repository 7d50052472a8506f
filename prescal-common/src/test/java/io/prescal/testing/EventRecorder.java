package io.prescal.testing;

import io.prescal.common.codec.DecodeCounters;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.PrescalEvent;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records Prescal's envelopes as they arrive on some Redis channels, decoded as a consumer decodes
 * them (unreadable and unknown messages are counted and left out): a {@link ChannelRecorder} with
 * the event codec, and lookups by event type.
 */
public final class EventRecorder implements AutoCloseable {

  /** One envelope as received. */
  public record Received(String channel, Envelope envelope) {}

  private final ChannelRecorder<Received> recorder;

  /** Subscribes to {@code channels} at {@code uri}; the subscription is in place on return. */
  public EventRecorder(String uri, String... channels) {
    EventCodec codec = new EventCodec();
    DecodeCounters counters = new DecodeCounters("EventRecorder");
    recorder =
        new ChannelRecorder<>(
            uri,
            (channel, message) ->
                counters.accept(codec.decode(message)).map(e -> new Received(channel, e)),
            channels);
  }

  /** Everything received so far whose data is a {@code type}, in order. */
  public <T extends PrescalEvent> List<Received> of(Class<T> type) {
    return recorder.matching(r -> type.isInstance(r.envelope().data()));
  }

  /** The envelopes received so far that pass {@code test}, in order. */
  public List<Envelope> matching(Predicate<Envelope> test) {
    return recorder.all().stream().map(Received::envelope).filter(test).toList();
  }

  /** Waits until a {@code type} matching {@code test} arrived, and returns the first such. */
  public <T extends PrescalEvent> Received await(
      Class<T> type, Predicate<T> test, Duration timeout) {
    return recorder.await(
        r -> type.isInstance(r.envelope().data()) && test.test(type.cast(r.envelope().data())),
        timeout);
  }

  /** Everything received so far, in order. */
  public List<Received> all() {
    return recorder.all();
  }

  @Override
  public void close() {
    recorder.close();
  }
}
