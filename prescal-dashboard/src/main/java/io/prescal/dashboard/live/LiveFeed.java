package io.prescal.dashboard.live;

import com.vaadin.flow.shared.Registration;
import io.prescal.common.Channels;
import io.prescal.common.codec.DecodeCounters;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.common.event.StateSnapshot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.Message;
import org.springframework.data.redis.connection.MessageListener;

/**
 * The process's one view of the live channels, fanned out to every open UI: one Redis subscription
 * however many tabs are open. UIs register on attach and remove themselves on detach.
 *
 * <p>Messages are decoded with {@link EventCodec}; whatever cannot be read is counted by {@link
 * DecodeCounters} and never reaches a listener.
 */
public final class LiveFeed implements MessageListener {

  private static final Logger LOG = LoggerFactory.getLogger(LiveFeed.class);

  private final EventCodec codec;
  private final DecodeCounters stateCounters = new DecodeCounters("dashboard on prescal:state");
  private final DecodeCounters eventCounters = new DecodeCounters("dashboard on prescal:events");
  private final List<FeedListener> listeners = new CopyOnWriteArrayList<>();
  private volatile LatestState latest;
  private volatile FeedStatus status;

  /** The last state message and when it arrived. */
  public record LatestState(Envelope envelope, StateSnapshot state, Instant receivedAt) {}

  public LiveFeed(EventCodec codec) {
    this.codec = codec;
  }

  /** Adds {@code listener}; remove it with the returned registration (on detach). */
  public Registration register(FeedListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** How many listeners are registered: one per open view. */
  public int listenerCount() {
    return listeners.size();
  }

  /** The last state received, if any. */
  public Optional<LatestState> latest() {
    return Optional.ofNullable(latest);
  }

  /** The last status sent, if any. */
  public Optional<FeedStatus> status() {
    return Optional.ofNullable(status);
  }

  /** Messages read and accepted, and rejected by kind, for both channels. */
  public DecodeCounters[] counters() {
    return new DecodeCounters[] {stateCounters, eventCounters};
  }

  @Override
  public void onMessage(Message message, byte[] pattern) {
    String channel = new String(message.getChannel(), java.nio.charset.StandardCharsets.UTF_8);
    if (Channels.STATE.equals(channel)) {
      stateCounters
          .accept(codec.decode(message.getBody()))
          .ifPresent(
              envelope -> {
                if (envelope.data() instanceof StateSnapshot state) {
                  acceptState(envelope, state, Instant.now());
                }
              });
    } else if (Channels.EVENTS.equals(channel)) {
      eventCounters.accept(codec.decode(message.getBody())).ifPresent(this::acceptEvent);
    }
  }

  /** Takes a decoded state message: remembers it and tells every listener. */
  void acceptState(Envelope envelope, StateSnapshot state, Instant receivedAt) {
    latest = new LatestState(envelope, state, receivedAt);
    fanOut(l -> l.onState(envelope, state));
  }

  /** Takes a decoded event: tells every listener, unless it is not an event a person reads. */
  void acceptEvent(Envelope envelope) {
    EventType type = EventType.of(envelope.data());
    if (type == EventType.METRICS || type == EventType.STATE || type.isCommand()) {
      return;
    }
    fanOut(l -> l.onEvent(envelope));
  }

  /** Tells every listener how fresh the data is. */
  void publishStatus(FeedStatus newStatus) {
    status = newStatus;
    fanOut(l -> l.onStatus(newStatus));
  }

  private void fanOut(Consumer<FeedListener> call) {
    for (FeedListener listener : listeners) {
      try {
        call.accept(listener);
      } catch (RuntimeException e) {
        // One broken UI must not starve the others.
        LOG.warn("a dashboard listener failed; the others still get data", e);
      }
    }
  }
}
