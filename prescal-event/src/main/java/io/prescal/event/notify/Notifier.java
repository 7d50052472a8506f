package io.prescal.event.notify;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.AlertCleared;
import io.prescal.common.event.AlertRaised;
import io.prescal.common.event.Envelope;
import io.prescal.event.config.EventProperties;
import java.time.Duration;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hands events to the webhooks that want them ({@code prescal.notify.webhooks}). {@link #offer} is
 * called on the ingest worker's thread (scale decisions from proxies) and the state ticker's
 * (alerts this service raises): it only filters and queues, never waits and never does I/O. Alerts
 * raised by another prescal-event (another {@code source}) are left to that one: each sends its
 * own, so that two of them do not send every alert twice.
 */
@Component
public class Notifier implements SmartLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);

  /** How long the queues get to empty at shutdown. */
  static final Duration STOP_GRACE = Duration.ofSeconds(5);

  private final List<WebhookSender> senders;
  private final String ownSource;
  private volatile boolean running;

  public Notifier(
      NotifyProperties properties,
      EventProperties eventProperties,
      EventCodec codec,
      MeterRegistry meters) {
    this.ownSource = eventProperties.source();
    this.senders = properties.webhooks().stream().map(w -> new WebhookSender(w, codec)).toList();
    senders.forEach(s -> register(meters, s));
  }

  /** Queues {@code envelope} for every webhook that wants its kind of event; never waits. */
  public void offer(Envelope envelope) {
    boolean alert =
        envelope.data() instanceof AlertRaised || envelope.data() instanceof AlertCleared;
    if (alert && !ownSource.equals(envelope.source())) {
      return;
    }
    for (WebhookSender sender : senders) {
      sender.offer(envelope);
    }
  }

  List<WebhookSender> senders() {
    return senders;
  }

  private static void register(MeterRegistry meters, WebhookSender s) {
    counter(meters, "prescal.event.notify.sent", "Notifications delivered (2xx)", s, x -> x.sent());
    counter(
        meters,
        "prescal.event.notify.failed",
        "Notifications given up on: retries spent or an answer not worth retrying",
        s,
        x -> x.failed());
    counter(
        meters, "prescal.event.notify.retries", "Attempts after a failed one", s, x -> x.retried());
    counter(
        meters,
        "prescal.event.notify.rate.limited",
        "Notifications that waited for the webhook's rate limit",
        s,
        x -> x.delayed());
    FunctionCounter.builder("prescal.event.notify.dropped", s, x -> x.droppedQueueFull())
        .description("Notifications dropped unsent")
        .tags("webhook", s.name(), "reason", "queue-full")
        .register(meters);
    FunctionCounter.builder("prescal.event.notify.dropped", s, x -> x.droppedShutdown())
        .description("Notifications dropped unsent")
        .tags("webhook", s.name(), "reason", "shutdown")
        .register(meters);
    Gauge.builder("prescal.event.notify.pending", s, x -> x.pending())
        .description("Notifications waiting in the webhook's queue")
        .tag("webhook", s.name())
        .register(meters);
  }

  private static void counter(
      MeterRegistry meters,
      String name,
      String description,
      WebhookSender s,
      ToDoubleFunction<WebhookSender> value) {
    FunctionCounter.builder(name, s, value)
        .description(description)
        .tag("webhook", s.name())
        .register(meters);
  }

  @Override
  public void start() {
    senders.forEach(WebhookSender::start);
    senders.forEach(s -> LOG.info("notifying webhook {} ({})", s.name(), s.target()));
    running = true;
  }

  @Override
  public void stop() {
    running = false;
    // One grace for all: N slow receivers must not hold shutdown N times as long.
    senders.forEach(WebhookSender::stopWhenEmpty);
    long deadline = System.nanoTime() + STOP_GRACE.toNanos();
    for (WebhookSender s : senders) {
      s.finish(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  /** Starts before the ingest worker and the state ticker and stops after them: they offer. */
  @Override
  public int getPhase() {
    return Integer.MAX_VALUE - 100;
  }
}
