package io.prescal.dashboard.overview;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.BackendReady;
import io.prescal.common.event.ColdStart;
import io.prescal.common.event.Envelope;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MarkedEventsTest {

  private static final Instant T0 = Instant.parse("2026-11-25T12:00:00Z");

  @Test
  void onlyMarkingEventsAreKeptAndOnlyTheNewest() {
    MarkedEvents marked = new MarkedEvents(3);
    assertThat(marked.keep(Envelope.of("p", "web", new BackendReady("b", "127.0.0.1:1", 1), T0)))
        .isFalse();
    assertThat(marked.keep(Envelope.of("p", null, new ColdStart("b", 1200, 1), T0))).isFalse();
    for (int i = 0; i < 1000; i++) {
      marked.keep(Envelope.of("p", "web", new ColdStart("b", 1000 + i, 1), T0.plusSeconds(i)));
    }
    assertThat(marked.size()).isEqualTo(3);
    assertThat(marked.of("web"))
        .extracting(m -> m.label())
        .containsExactly("cold 2.00 s", "cold 2.00 s", "cold 2.00 s");
    assertThat(marked.of("api")).isEmpty();
  }
}
