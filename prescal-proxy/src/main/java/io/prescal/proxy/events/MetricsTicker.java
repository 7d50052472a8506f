package io.prescal.proxy.events;

import io.prescal.common.event.MetricsSnapshot;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a {@link MetricsSnapshot} from the {@link MetricsSource} once per interval on its own
 * thread and hands it to the sink. The interval in each snapshot is the measured time since the
 * previous read, so a late tick does not distort rates.
 */
final class MetricsTicker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(MetricsTicker.class);

  private final MetricsSource source;
  private final EventSink sink;
  private final Duration interval;
  private final ScheduledExecutorService timer =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().name("prescal-metrics-ticker").daemon().factory());
  private final AtomicBoolean failureLogged = new AtomicBoolean();
  private long lastNanos;

  MetricsTicker(MetricsSource source, EventSink sink, Duration interval) {
    this.source = source;
    this.sink = sink;
    this.interval = interval;
  }

  void start() {
    lastNanos = System.nanoTime();
    timer.scheduleAtFixedRate(
        this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void tick() {
    long now = System.nanoTime();
    long elapsedMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(now - lastNanos));
    lastNanos = now;
    try {
      sink.publish(null, source.snapshot(elapsedMillis));
      failureLogged.set(false);
    } catch (RuntimeException e) {
      // A broken source must not stop the ticker; log once per streak of failures.
      if (failureLogged.compareAndSet(false, true)) {
        LOG.warn("metrics source failed, skipping this interval: {}", e.toString(), e);
      }
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
