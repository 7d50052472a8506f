package io.prescal.event.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.prescal.common.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The hand-off queue: order, bytes intact across the ring's end, drops counted, waiting. */
class IngestQueueTest {

  private static byte[] body(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> texts(List<IngestQueue.Message> messages) {
    return messages.stream()
        .map(m -> m.channel() + " " + new String(m.body(), StandardCharsets.UTF_8))
        .toList();
  }

  @Test
  void messagesComeOutInOrderWithTheirChannels() throws InterruptedException {
    IngestQueue queue = new IngestQueue(1024);
    assertThat(queue.offer(Channels.EVENTS, body("a"))).isTrue();
    assertThat(queue.offer(Channels.METRICS, body("bb"))).isTrue();
    assertThat(queue.offer(Channels.EVENTS, new byte[0])).isTrue();
    assertThat(queue.pending()).isEqualTo(3);
    assertThat(queue.pendingBytes()).isEqualTo(3 * IngestQueue.HEADER_BYTES + 3);

    List<IngestQueue.Message> out = new ArrayList<>();
    assertThat(queue.drainTo(out, 2, Duration.ZERO)).isEqualTo(2);
    assertThat(queue.drainTo(out, 10, Duration.ZERO)).isEqualTo(1);
    assertThat(texts(out))
        .containsExactly(Channels.EVENTS + " a", Channels.METRICS + " bb", Channels.EVENTS + " ");
    assertThat(queue.pending()).isZero();
    assertThat(queue.pendingBytes()).isZero();
  }

  @Test
  void aFullQueueDropsTheArrivingMessageAndCountsItPerChannelUntilThereIsRoom()
      throws InterruptedException {
    IngestQueue queue = new IngestQueue(1024);
    byte[] big = new byte[600];
    assertThat(queue.offer(Channels.EVENTS, big)).isTrue();
    assertThat(queue.offer(Channels.EVENTS, big)).isFalse();
    assertThat(queue.offer(Channels.METRICS, big)).isFalse();
    assertThat(queue.offer(Channels.METRICS, body("small"))).isTrue();
    assertThat(queue.dropped(Channels.EVENTS)).isEqualTo(1);
    assertThat(queue.dropped(Channels.METRICS)).isEqualTo(1);

    List<IngestQueue.Message> out = new ArrayList<>();
    queue.drainTo(out, 10, Duration.ZERO);
    assertThat(out).extracting(m -> m.body().length).containsExactly(600, 5);
    assertThat(queue.offer(Channels.EVENTS, big)).isTrue();
    assertThat(queue.dropped(Channels.EVENTS)).isEqualTo(1);
  }

  @Test
  void messagesThatWrapAroundTheRingsEndComeOutIntact() throws InterruptedException {
    IngestQueue queue = new IngestQueue(1024);
    List<String> sent = new ArrayList<>();
    List<IngestQueue.Message> out = new ArrayList<>();
    // 97-byte records against a 1024-byte ring: headers and bodies land across the end.
    for (int i = 0; i < 200; i++) {
      String text = String.format("%03d", i) + "x".repeat(89);
      sent.add(Channels.EVENTS + " " + text);
      assertThat(queue.offer(Channels.EVENTS, body(text))).isTrue();
      if (i % 7 == 6) {
        queue.drainTo(out, 100, Duration.ZERO);
      }
    }
    queue.drainTo(out, 100, Duration.ZERO);
    assertThat(texts(out)).isEqualTo(sent);
    assertThat(queue.dropped(Channels.EVENTS)).isZero();
  }

  @Test
  void anEmptyQueueWaitsForTheNextMessage() throws Exception {
    IngestQueue queue = new IngestQueue(1024);
    List<IngestQueue.Message> out = new ArrayList<>();
    assertThat(queue.drainTo(out, 10, Duration.ofMillis(20))).isZero();

    CompletableFuture<Integer> taken =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return queue.drainTo(out, 10, Duration.ofSeconds(30));
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(50);
    queue.offer(Channels.METRICS, body("late"));
    assertThat(taken.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(texts(out)).containsExactly(Channels.METRICS + " late");
  }

  @Test
  void aTinyQueueIsRefused() {
    assertThatThrownBy(() -> new IngestQueue(10))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("capacityBytes: 10 (expected: >= 1024)");
  }
}
