package io.prescal.event.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-off queue: channels kept, order kept, a full queue drops and counts per channel. */
class IngestQueueTest {

  @Test
  void messagesComeOutInOrderWithTheirChannels() throws InterruptedException {
    IngestQueue queue = new IngestQueue(1024);
    queue.offer(Channels.EVENTS, "a".getBytes(StandardCharsets.UTF_8));
    queue.offer(Channels.METRICS, "b".getBytes(StandardCharsets.UTF_8));
    assertThat(queue.pending()).isEqualTo(2);

    List<IngestQueue.Message> out = new ArrayList<>();
    assertThat(queue.drainTo(out, 10, Duration.ZERO)).isEqualTo(2);
    assertThat(out)
        .extracting(m -> m.channel() + " " + new String(m.body(), StandardCharsets.UTF_8))
        .containsExactly(Channels.EVENTS + " a", Channels.METRICS + " b");
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
    assertThat(queue.offer(Channels.METRICS, new byte[5])).isTrue();
    assertThat(queue.dropped(Channels.EVENTS)).isEqualTo(1);
    assertThat(queue.dropped(Channels.METRICS)).isEqualTo(1);

    List<IngestQueue.Message> out = new ArrayList<>();
    queue.drainTo(out, 10, Duration.ZERO);
    assertThat(out).extracting(m -> m.body().length).containsExactly(600, 5);
    assertThat(queue.offer(Channels.EVENTS, big)).isTrue();
    assertThat(queue.dropped(Channels.EVENTS)).isEqualTo(1);
  }
}
