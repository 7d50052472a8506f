package io.prescal.event.buffer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The ring: order, bytes intact across its end, limits, dropping the oldest, waiting. */
class ByteRingTest {

  private static byte[] body(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> texts(List<ByteRing.Entry> entries) {
    return entries.stream()
        .map(e -> e.tag() + " " + new String(e.body(), StandardCharsets.UTF_8))
        .toList();
  }

  @Test
  void recordsComeOutInOrderWithTheirTagsWithinTheLimits() throws InterruptedException {
    ByteRing ring = new ByteRing(1024);
    assertThat(ring.offer(0, body("a"))).isTrue();
    assertThat(ring.offer(1, body("bb"))).isTrue();
    assertThat(ring.offer(0, new byte[0])).isTrue();
    assertThat(ring.offer(1, body("dddd"))).isTrue();
    assertThat(ring.size()).isEqualTo(4);
    assertThat(ring.bytes()).isEqualTo(4 * ByteRing.HEADER_BYTES + 7);

    List<ByteRing.Entry> out = new ArrayList<>();
    assertThat(ring.drainTo(out, 2, Long.MAX_VALUE, Duration.ZERO)).isEqualTo(2);
    // A byte limit stops before the record that would pass it, but always moves one.
    assertThat(ring.drainTo(out, 10, 3, Duration.ZERO)).isEqualTo(1);
    assertThat(ring.drainTo(out, 10, 3, Duration.ZERO)).isEqualTo(1);
    assertThat(texts(out)).containsExactly("0 a", "1 bb", "0 ", "1 dddd");
    assertThat(ring.size()).isZero();
    assertThat(ring.bytes()).isZero();
  }

  @Test
  void recordsThatWrapAroundTheEndComeOutIntact() throws InterruptedException {
    ByteRing ring = new ByteRing(1024);
    List<String> sent = new ArrayList<>();
    List<ByteRing.Entry> out = new ArrayList<>();
    // 97-byte records against a 1024-byte ring: headers and bodies land across the end.
    for (int i = 0; i < 200; i++) {
      String text = String.format("%03d", i) + "x".repeat(89);
      sent.add(i % 2 + " " + text);
      assertThat(ring.offer(i % 2, body(text))).isTrue();
      if (i % 7 == 6) {
        ring.drainTo(out, 100, Long.MAX_VALUE, Duration.ZERO);
      }
    }
    ring.drainTo(out, 100, Long.MAX_VALUE, Duration.ZERO);
    assertThat(texts(out)).isEqualTo(sent);
  }

  @Test
  void aFullRingRefusesUntilTheOldestIsDroppedOrTaken() throws InterruptedException {
    ByteRing ring = new ByteRing(1024);
    assertThat(ring.offer(0, new byte[600])).isTrue();
    assertThat(ring.offer(0, body("second"))).isTrue();
    assertThat(ring.offer(0, new byte[600])).isFalse();
    assertThat(ring.offer(0, new byte[600], Duration.ofMillis(10))).isFalse();
    assertThat(ring.dropOldest()).isTrue();
    assertThat(ring.offer(0, new byte[600])).isTrue();

    List<ByteRing.Entry> out = new ArrayList<>();
    ring.drainTo(out, 10, Long.MAX_VALUE, Duration.ZERO);
    assertThat(out).extracting(e -> e.body().length).containsExactly(6, 600);
    assertThat(ring.dropOldest()).isFalse();
    assertThat(ring.fits(1024 - ByteRing.HEADER_BYTES)).isTrue();
    assertThat(ring.fits(1024)).isFalse();
    assertThat(ring.offer(0, new byte[1024], Duration.ofSeconds(30))).isFalse();
  }

  @Test
  void waitingOfferAndDrainAreWokenByTheOtherSide() throws Exception {
    ByteRing ring = new ByteRing(1024);
    List<ByteRing.Entry> out = new ArrayList<>();
    assertThat(ring.drainTo(out, 10, Long.MAX_VALUE, Duration.ofMillis(20))).isZero();

    CompletableFuture<Integer> taken = new CompletableFuture<>();
    Thread drainer =
        Thread.ofPlatform().start(() -> taken.complete(drain(ring, out, Duration.ofSeconds(30))));
    awaitWaiting(drainer);
    assertThat(ring.offer(1, body("late"))).isTrue();
    assertThat(taken.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(texts(out)).containsExactly("1 late");

    assertThat(ring.offer(0, new byte[900])).isTrue();
    CompletableFuture<Boolean> added = new CompletableFuture<>();
    Thread offerer =
        Thread.ofPlatform()
            .start(() -> added.complete(offer(ring, new byte[900], Duration.ofSeconds(30))));
    awaitWaiting(offerer);
    assertThat(ring.dropOldest()).isTrue();
    assertThat(added.get(10, TimeUnit.SECONDS)).isTrue();
  }

  /**
   * Until {@code thread} waits inside the ring, so that what the test does next has to wake it (a
   * fixed pause could end before the thread even started, and the test would prove nothing).
   */
  private static void awaitWaiting(Thread thread) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> thread.getState() == Thread.State.TIMED_WAITING);
  }

  private static int drain(ByteRing ring, List<ByteRing.Entry> out, Duration wait) {
    try {
      return ring.drainTo(out, 10, Long.MAX_VALUE, wait);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean offer(ByteRing ring, byte[] body, Duration wait) {
    try {
      return ring.offer(0, body, wait);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aTinyRingIsRefused() {
    assertThatThrownBy(() -> new ByteRing(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacityBytes: 10 (expected: >= 1024)");
  }
}
