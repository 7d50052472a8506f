package io.prescal.event.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.prescal.common.Channels;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The worker: every message handled once, in order; failures counted; nothing left at stop. */
class IngestWorkerTest {

  private final IngestQueue queue = new IngestQueue(1 << 20);
  private final List<String> handled = new CopyOnWriteArrayList<>();

  private void offer(String channel, String text) {
    assertThat(queue.offer(channel, text.getBytes(StandardCharsets.UTF_8))).isTrue();
  }

  private IngestWorker.Handler recording() {
    return (channel, body) -> {
      String text = new String(body, StandardCharsets.UTF_8);
      if (text.startsWith("boom")) {
        throw new IllegalStateException("cannot handle " + text);
      }
      handled.add(text);
    };
  }

  @Test
  void handlesEveryMessageInOrderAndCountsTheOnesThatFail() {
    IngestWorker worker = new IngestWorker(queue, recording());
    worker.start();
    try {
      for (int i = 0; i < 5_000; i++) {
        offer(i % 2 == 0 ? Channels.EVENTS : Channels.METRICS, "m" + i);
        if (i % 1_000 == 0) {
          offer(Channels.METRICS, "boom" + i);
        }
      }
      await().atMost(Duration.ofSeconds(20)).until(() -> handled.size() == 5_000);
      assertThat(handled)
          .isEqualTo(java.util.stream.IntStream.range(0, 5_000).mapToObj(i -> "m" + i).toList());
      assertThat(worker.failed(Channels.METRICS)).isEqualTo(5);
      assertThat(worker.failed(Channels.EVENTS)).isZero();
    } finally {
      worker.stop();
    }
  }

  @Test
  void stoppingHandlesWhatIsStillQueued() {
    IngestWorker worker = new IngestWorker(queue, recording());
    for (int i = 0; i < 1_000; i++) {
      offer(Channels.EVENTS, "m" + i);
    }
    worker.start();
    worker.stop();
    assertThat(handled).hasSize(1_000);
    assertThat(queue.pending()).isZero();
    assertThat(worker.isRunning()).isFalse();
  }
}
