package io.prescal.dashboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prescal.common.event.BackendReady;
import io.prescal.common.event.Envelope;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBufferTest {

  private static Envelope ready(String backend, int second) {
    return Envelope.of(
        "proxy-1",
        "web",
        new BackendReady(backend, "127.0.0.1:1", 10),
        Instant.parse("2026-11-25T12:00:00Z").plusSeconds(second));
  }

  @Test
  void backfillAndLiveOverlapShowEachEventOnceNewestFirst() {
    EventBuffer buffer = new EventBuffer(10);
    Envelope a = ready("a", 1);
    Envelope b = ready("b", 2);
    Envelope c = ready("c", 3);
    assertThat(buffer.addAll(List.of(b, a))).isEqualTo(2);
    assertThat(buffer.add(b)).isFalse();
    assertThat(buffer.add(c)).isTrue();
    assertThat(buffer.all()).containsExactly(c, b, a);
  }

  @Test
  void oldestFallOffAtCapacity() {
    EventBuffer buffer = new EventBuffer(2);
    Envelope a = ready("a", 1);
    buffer.add(a);
    buffer.add(ready("b", 2));
    buffer.add(ready("c", 3));
    assertThat(buffer.all()).hasSize(2).doesNotContain(a);
  }

  @Test
  void pauseHoldsNewEventsAsideUntilResume() {
    EventBuffer buffer = new EventBuffer(10);
    Envelope a = ready("a", 1);
    buffer.add(a);
    buffer.pause();
    Envelope b = ready("b", 2);
    buffer.add(b);
    assertThat(buffer.all()).containsExactly(a);
    assertThat(buffer.waiting()).isEqualTo(1);
    buffer.resume();
    assertThat(buffer.all()).containsExactly(b, a);
    assertThat(buffer.waiting()).isZero();
  }

  @Test
  void filterAppliesToWhatIsShown() {
    EventBuffer buffer = new EventBuffer(10);
    buffer.add(ready("alpha", 1));
    buffer.add(ready("beta", 2));
    assertThat(buffer.visible(EventFilter.ALL.withText("beta")))
        .extracting(e -> ((BackendReady) e.data()).backendId())
        .containsExactly("beta");
  }

  @Test
  void capacityMustBePositive() {
    assertThatThrownBy(() -> new EventBuffer(0)).hasMessage("capacity: 0 (expected: >= 1)");
  }

  private static Envelope of(String service, String backend, int second) {
    return Envelope.of(
        "proxy-1",
        service,
        new BackendReady(backend, "127.0.0.1:1", 10),
        Instant.parse("2026-11-25T12:00:00Z").plusSeconds(second));
  }

  @Test
  void whilePausedAtMostTheCapacityWaitsAndTheDroppedAreCounted() {
    EventBuffer buffer = new EventBuffer(10);
    buffer.add(ready("before", 0));
    buffer.pause();
    for (int i = 1; i <= 1000; i++) {
      buffer.add(ready("b" + i, i));
    }
    assertThat(buffer.waiting()).isEqualTo(10);
    assertThat(buffer.droppedWhilePaused()).isEqualTo(990);
    assertThat(buffer.all()).hasSize(1);
    buffer.resume();
    // The newest ten are shown, newest first; the count of a past pause is gone.
    assertThat(buffer.all())
        .extracting(e -> ((BackendReady) e.data()).backendId())
        .startsWith("b1000", "b999")
        .endsWith("b991")
        .hasSize(10);
    assertThat(buffer.droppedWhilePaused()).isZero();
    buffer.pause();
    assertThat(buffer.droppedWhilePaused()).isZero();
  }

  @Test
  void theServicesNamedAreOnlyThoseOfTheEventsHeld() {
    EventBuffer buffer = new EventBuffer(3);
    buffer.add(of("web", "a", 1));
    buffer.add(of("forged-1", "b", 2));
    assertThat(buffer.services()).containsExactly("forged-1", "web");
    for (int i = 0; i < 1000; i++) {
      buffer.add(of("forged-" + i, "x" + i, 10 + i));
    }
    assertThat(buffer.services()).containsExactly("forged-997", "forged-998", "forged-999");
    buffer.pause();
    for (int i = 0; i < 1000; i++) {
      buffer.add(of("paused-" + i, "p" + i, 2000 + i));
    }
    assertThat(buffer.services()).hasSize(6).contains("paused-999", "forged-999");
  }
}
