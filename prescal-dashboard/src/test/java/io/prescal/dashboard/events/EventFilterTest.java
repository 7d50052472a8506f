package io.prescal.dashboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.event.Envelope;
import io.prescal.common.event.EventType;
import io.prescal.common.event.ScaleDecision;
import io.prescal.common.event.Severity;
import io.prescal.testing.EventSamples;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EventFilterTest {

  private final Envelope ready = EventSamples.envelope(EventType.BACKEND_READY);
  private final Envelope failed = EventSamples.envelope(EventType.BACKEND_FAILED);
  private final Envelope alert = EventSamples.envelope(EventType.ALERT_RAISED);
  private final Envelope started = EventSamples.envelope(EventType.PROXY_STARTED);

  @Test
  void allPassesEverything() {
    assertThat(EventFilter.ALL.test(ready)).isTrue();
    assertThat(EventFilter.ALL.test(started)).isTrue();
  }

  @Test
  void typesServiceAndSeverityNarrowTheLog() {
    assertThat(EventFilter.ALL.withTypes(Set.of("backend.failed")).test(ready)).isFalse();
    assertThat(EventFilter.ALL.withTypes(Set.of("backend.failed")).test(failed)).isTrue();
    assertThat(EventFilter.ALL.withService("api").test(ready)).isFalse();
    assertThat(EventFilter.ALL.withService("web").test(ready)).isTrue();
    // An event without a service is hidden once a service is picked.
    assertThat(EventFilter.ALL.withService("web").test(started)).isFalse();
    assertThat(EventFilter.ALL.withMinSeverity(Severity.WARNING).test(ready)).isFalse();
    assertThat(EventFilter.ALL.withMinSeverity(Severity.WARNING).test(failed)).isTrue();
    assertThat(EventFilter.ALL.withMinSeverity(Severity.CRITICAL).test(failed)).isFalse();
    assertThat(EventFilter.ALL.withMinSeverity(Severity.CRITICAL).test(alert)).isTrue();
  }

  @Test
  void theLogOpensWithoutDecisionsThatChangeNothing() {
    Envelope up = EventSamples.envelope(EventType.SCALE_DECISION);
    ScaleDecision d = (ScaleDecision) up.data();
    Envelope hold =
        Envelope.of("proxy-1", "web", new ScaleDecision(6, 6, 6, d.mode(), "stay", d.inputs()));
    assertThat(EventFilter.DEFAULT.test(hold)).isFalse();
    assertThat(EventFilter.DEFAULT.test(up)).isTrue();
    assertThat(EventFilter.DEFAULT.test(ready)).isTrue();
    assertThat(EventFilter.DEFAULT.withChangesOnly(false).test(hold)).isTrue();
    assertThat(EventFilter.ALL.test(hold)).isTrue();
  }

  @Test
  void aTimeFilterLeavesOutOlderEvents() {
    Instant at = ready.time();
    assertThat(EventFilter.ALL.withSince(at).test(ready)).isTrue();
    assertThat(EventFilter.ALL.withSince(at.plusMillis(1)).test(ready)).isFalse();
    assertThat(EventFilter.ALL.withSince(at.minusSeconds(60)).test(ready)).isTrue();
    assertThat(EventFilter.ALL.withSince(null).test(ready)).isTrue();
  }

  @Test
  void textMatchesEveryWordAnywhereIgnoringCase() {
    assertThat(EventFilter.ALL.withText("  CONTAINER died ").test(failed)).isTrue();
    assertThat(EventFilter.ALL.withText("proxy-1 web-3f2a").test(failed)).isTrue();
    assertThat(EventFilter.ALL.withText("died nowhere").test(failed)).isFalse();
    assertThat(EventFilter.ALL.withText("backend.ready").test(ready)).isTrue();
  }

  @Test
  void everyEventTypeReadsAsASentence() {
    for (EventType type : EventType.values()) {
      assertThat(EventText.describe(EventSamples.data(type))).as(type.wireName()).isNotBlank();
    }
    // The 1.2 sample is a warm backend (it sets every field the contract has).
    assertThat(EventText.describe(ready.data()))
        .isEqualTo("web-3f2a warm: ready after 1.84 s, frozen until a scale-out thaws it");
    assertThat(EventText.describe(failed.data()))
        .isEqualTo("web-3f2a failed: container died (exit 137), killed for memory");
  }
}
