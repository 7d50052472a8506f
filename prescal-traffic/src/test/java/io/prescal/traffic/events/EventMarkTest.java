package io.prescal.traffic.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.BackendAdded;
import io.prescal.common.event.BackendKind;
import io.prescal.common.event.BackendReady;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.PrescalEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A warm-pool backend that passes readiness is not capacity: it takes no traffic until thawed. */
class EventMarkTest {
  private static final Instant START = Instant.now().minusSeconds(5);

  private static Envelope envelope(PrescalEvent data) {
    return Envelope.of("proxy-1", "web", data);
  }

  @Test
  void warmPoolEventsStayOffTheTimelineAndThawedBackendsCountAsCapacity() {
    assertThat(EventMark.of(envelope(new BackendReady("web-1", "127.0.0.1:1", 900, true)), START))
        .isEmpty();
    assertThat(
            EventMark.of(
                envelope(
                    new BackendAdded("web-1", "127.0.0.1:1", BackendKind.DOCKER, "c", "i", true)),
                START))
        .isEmpty();
    assertThat(EventMark.of(envelope(new BackendReady("web-1", "127.0.0.1:1", 40)), START))
        .hasValueSatisfying(mark -> assertThat(mark.isReady()).isTrue());
  }
}
