package io.prescal.dashboard.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.vaadin.flow.shared.Registration;
import io.prescal.common.Channels;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.common.event.StateSnapshot;
import io.prescal.testing.EventSamples;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.DefaultMessage;

class LiveFeedTest {

  private final EventCodec codec = new EventCodec();
  private final LiveFeed feed = new LiveFeed(codec);
  private final List<Object> heard = new ArrayList<>();

  private void publish(String channel, String body) {
    feed.onMessage(
        new DefaultMessage(
            channel.getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8)),
        null);
  }

  private Registration listen() {
    return feed.register(
        new FeedListener() {
          @Override
          public void onState(Envelope envelope, StateSnapshot state) {
            heard.add(state);
          }

          @Override
          public void onEvent(Envelope envelope) {
            heard.add(envelope.type());
          }
        });
  }

  @Test
  void garbageIsCountedAndNeverReachesAView() {
    listen();
    publish(Channels.STATE, "not json at all");
    publish(Channels.STATE, "[1,2,3]");
    publish(Channels.EVENTS, "{\"schema\":\"1.0\",\"type\":\"backend.ready\"}");
    publish(Channels.EVENTS, "{\"schema\":\"1.9\",\"type\":\"brand.new\",\"id\":\"x\"}");
    // A valid event of the wrong kind on the state channel is no state either.
    publish(Channels.STATE, codec.encode(EventSamples.envelope(EventType.BACKEND_READY)));
    assertThat(heard).isEmpty();
    assertThat(feed.latest()).isEmpty();
    long rejected = 0;
    for (var c : feed.counters()) {
      rejected += c.rejected();
    }
    assertThat(rejected).isEqualTo(4);

    publish(Channels.STATE, codec.encode(EventSamples.envelope(EventType.STATE)));
    publish(Channels.EVENTS, codec.encode(EventSamples.envelope(EventType.BACKEND_READY)));
    assertThat(heard).hasSize(2);
    assertThat(heard.get(1)).isEqualTo("backend.ready");
    assertThat(feed.latest()).isPresent();
  }

  @Test
  void commandsAndMetricsOnTheEventsChannelAreNotShown() {
    listen();
    publish(Channels.EVENTS, codec.encode(EventSamples.envelope(EventType.COMMAND_SCALE)));
    publish(Channels.EVENTS, codec.encode(EventSamples.envelope(EventType.METRICS)));
    assertThat(heard).isEmpty();
  }

  @Test
  void listenersAreRemovedOnDetachAndOneFailingListenerDoesNotStarveOthers() {
    Registration broken =
        feed.register(
            new FeedListener() {
              @Override
              public void onEvent(Envelope envelope) {
                throw new IllegalStateException("broken UI");
              }
            });
    Registration good = listen();
    assertThat(feed.listenerCount()).isEqualTo(2);
    publish(Channels.EVENTS, codec.encode(EventSamples.envelope(EventType.BACKEND_READY)));
    assertThat(heard).containsExactly("backend.ready");
    broken.remove();
    good.remove();
    assertThat(feed.listenerCount()).isZero();
  }
}
