package io.prescal.proxy.autoscale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.prescal.common.event.ColdStart;
import io.prescal.common.event.PrescalEvent;
import io.prescal.proxy.config.HoldQueueConfig;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.PickContext;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.testing.TestPools;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hold queue with a real pool: order, limits, the autoscaler's nudge and the cold start. */
class HoldQueueTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final List<PrescalEvent> events = new CopyOnWriteArrayList<>();
  private final ServicePool pool = TestPools.pool("web", (s, e) -> events.add(e), timer);
  private final AtomicInteger nudges = new AtomicInteger();
  private final PickContext context = new PickContext(new DefaultHttpHeaders(), null);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  private HoldQueue queue(int size, Duration waitLimit) {
    HoldQueue queue =
        new HoldQueue(
            pool,
            new HoldQueueConfig(size, waitLimit, Duration.ZERO),
            (s, e) -> events.add(e),
            timer,
            nanos -> nudges.incrementAndGet());
    pool.noBackendPolicy(queue);
    pool.onReady(queue::onReady);
    return queue;
  }

  private Backend ready(int port) {
    Backend backend = Backend.ofStatic(new InetSocketAddress("127.0.0.1", port), 1);
    pool.add(backend);
    pool.markReady(backend.id());
    return backend;
  }

  @Test
  void heldRequestsGoInArrivalOrderOnceABackendIsReadyAndTheColdStartIsMeasured() throws Exception {
    HoldQueue queue = queue(10, Duration.ofSeconds(30));
    List<CompletableFuture<Backend>> held = new ArrayList<>();
    List<Integer> order = new CopyOnWriteArrayList<>();
    for (int i = 0; i < 3; i++) {
      int n = i;
      CompletableFuture<Backend> answer = queue.onNoBackend(pool, context);
      answer.thenRun(() -> order.add(n));
      held.add(answer);
    }
    assertThat(held).noneMatch(CompletableFuture::isDone);
    assertThat(queue.queueLength()).isEqualTo(3);
    assertThat(nudges).hasValue(1); // the first held request tells the autoscaler, once

    Thread.sleep(50);
    Backend backend = ready(9001);

    assertThat(held).allMatch(f -> f.getNow(null) == backend);
    assertThat(order).containsExactly(0, 1, 2);
    assertThat(queue.queueLength()).isZero();
    ColdStart cold =
        events.stream()
            .filter(ColdStart.class::isInstance)
            .map(ColdStart.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(cold.backendId()).isEqualTo(backend.id());
    assertThat(cold.heldRequests()).isEqualTo(3);
    assertThat(cold.millis()).isGreaterThanOrEqualTo(50);
    assertThat(queue.coldStarts().count()).isEqualTo(1);
    assertThat(queue.coldStarts().lastMillis()).isEqualTo(cold.millis());
  }

  @Test
  void aRequestOverTheWaitLimitGetsNoBackendAndAFullQueueRefusesAtOnce() throws Exception {
    HoldQueue queue = queue(2, Duration.ofMillis(200));
    CompletableFuture<Backend> first = queue.onNoBackend(pool, context);
    CompletableFuture<Backend> second = queue.onNoBackend(pool, context);
    CompletableFuture<Backend> third = queue.onNoBackend(pool, context);

    assertThat(third).isCompletedWithValue(null); // full: 503 at once
    assertThat(first).isNotDone();
    await().atMost(Duration.ofSeconds(2)).until(first::isDone);
    assertThat(first.get()).isNull(); // waited too long: 503
    assertThat(second.get()).isNull();
    assertThat(queue.queueLength()).isZero();
  }

  @Test
  void aBackendReadyWhileTheRequestWasOnItsWayIsUsedAtOnce() {
    HoldQueue queue = queue(10, Duration.ofSeconds(30));
    Backend backend = ready(9002); // the request path saw no backend just before this

    assertThat(queue.onNoBackend(pool, context)).isCompletedWithValue(backend);
  }

  @Test
  void closingAnswersEveryWaitingRequestAndHoldsNoMore() {
    HoldQueue queue = queue(10, Duration.ofSeconds(30));
    CompletableFuture<Backend> waiting = queue.onNoBackend(pool, context);

    queue.close();

    assertThat(waiting).isCompletedWithValue(null);
    assertThat(queue.onNoBackend(pool, context)).isCompletedWithValue(null);
  }
}
