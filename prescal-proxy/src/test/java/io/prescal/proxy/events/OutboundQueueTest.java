package io.prescal.proxy.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.prescal.common.Channels;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.ProxyStopping;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OutboundQueueTest {

  private static Outbound message(int n) {
    return new Outbound(Channels.EVENTS, Envelope.of("p", null, new ProxyStopping("m" + n)));
  }

  private static List<String> reasons(List<Outbound> messages) {
    return messages.stream().map(m -> ((ProxyStopping) m.envelope().data()).reason()).toList();
  }

  @Test
  void whenFullTheOldestGoesAndIsCounted() throws Exception {
    OutboundQueue queue = new OutboundQueue(3);
    for (int i = 1; i <= 5; i++) {
      queue.offer(message(i));
    }
    List<Outbound> out = new ArrayList<>();
    assertThat(queue.drainTo(out, 10, 0, TimeUnit.MILLISECONDS)).isEqualTo(3);
    assertThat(reasons(out)).containsExactly("m3", "m4", "m5");
    assertThat(queue.dropped()).isEqualTo(2);
  }

  @Test
  void requeuedMessagesGoFirstInOrderAndOverflowDropsTheOldest() throws Exception {
    OutboundQueue queue = new OutboundQueue(4);
    queue.offer(message(3));
    queue.offer(message(4));
    queue.offer(message(5));
    queue.requeueFirst(List.of(message(1), message(2)));
    List<Outbound> out = new ArrayList<>();
    queue.drainTo(out, 10, 0, TimeUnit.MILLISECONDS);
    assertThat(reasons(out)).containsExactly("m2", "m3", "m4", "m5");
    assertThat(queue.dropped()).isEqualTo(1);
  }

  @Test
  void drainWaitsAtMostTheTimeoutAndTakesAtMostMax() throws Exception {
    OutboundQueue queue = new OutboundQueue(10);
    List<Outbound> out = new ArrayList<>();
    assertThat(queue.drainTo(out, 2, 10, TimeUnit.MILLISECONDS)).isZero();
    for (int i = 0; i < 5; i++) {
      queue.offer(message(i));
    }
    assertThat(queue.drainTo(out, 2, 10, TimeUnit.MILLISECONDS)).isEqualTo(2);
    assertThat(queue.size()).isEqualTo(3);
  }

  @Test
  void backoffDoublesUpToItsMaximum() {
    assertThat(Backoff.DEFAULT.delay(0).toMillis()).isEqualTo(100);
    assertThat(Backoff.DEFAULT.delay(1).toMillis()).isEqualTo(200);
    assertThat(Backoff.DEFAULT.delay(5).toMillis()).isEqualTo(3200);
    assertThat(Backoff.DEFAULT.delay(6).toMillis()).isEqualTo(5000);
    assertThat(Backoff.DEFAULT.delay(1000).toMillis()).isEqualTo(5000);
  }
}
