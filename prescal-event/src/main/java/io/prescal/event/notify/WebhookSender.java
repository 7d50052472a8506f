package io.prescal.event.notify;

import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one webhook its notifications, on a thread of its own: takes them from a bounded queue in
 * order, waits for the rate limit, POSTs each with a timeout and retries with a doubling backoff.
 * {@link #offer} never waits: when the queue is full the notification is dropped and counted.
 * Failures and drops are logged at most once a minute, with how many there were meanwhile; the
 * URL's path and the headers are never logged.
 */
final class WebhookSender {

  private static final Logger LOG = LoggerFactory.getLogger(WebhookSender.class);
  private static final long LOG_EVERY_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final Duration POLL = Duration.ofMillis(100);

  private final NotifyProperties.Webhook settings;
  private final EventCodec codec;
  private final HttpRequest.Builder request;
  private final HttpClient client;
  private final ArrayBlockingQueue<Envelope> queue;
  private final RateLimit rateLimit;
  private final Thread thread;
  private volatile boolean running = true;

  private final LongAdder sent = new LongAdder();
  private final LongAdder failed = new LongAdder();
  private final LongAdder retried = new LongAdder();
  private final LongAdder delayed = new LongAdder();
  private final LongAdder droppedFull = new LongAdder();
  private final LongAdder droppedShutdown = new LongAdder();
  private final AtomicLong dropLoggedAt = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
  private final AtomicLong dropsLogged = new AtomicLong();
  private volatile String lastProblem = "";
  private long failureLoggedAt = System.nanoTime() - LOG_EVERY_NANOS;
  private long failuresLogged;
  private long failureStreak;

  WebhookSender(NotifyProperties.Webhook settings, EventCodec codec) {
    this.settings = settings;
    this.codec = codec;
    this.queue = new ArrayBlockingQueue<>(settings.queueSize());
    this.rateLimit =
        new RateLimit(
            settings.rateLimit().count(),
            settings.rateLimit().period().toNanos(),
            System.nanoTime());
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    this.request =
        HttpRequest.newBuilder(settings.uri())
            .timeout(settings.timeout())
            .header("Content-Type", "application/json; charset=utf-8")
            .header("User-Agent", "prescal-event");
    settings.resolvedHeaders().forEach(request::header);
    this.thread =
        Thread.ofPlatform().name("prescal-notify-" + settings.name()).daemon().unstarted(this::run);
  }

  String name() {
    return settings.name();
  }

  /** Where it points, without path or query. */
  String target() {
    return settings.target();
  }

  /**
   * Queues {@code envelope} if this webhook wants its kind of event. Never waits: on a full queue
   * the envelope is dropped and counted.
   */
  void offer(Envelope envelope) {
    if (settings.events().stream().noneMatch(kind -> kind.matches(envelope.data()))) {
      return;
    }
    if (!queue.offer(envelope)) {
      droppedFull.increment();
      logDrops();
    }
  }

  void start() {
    thread.start();
  }

  /** Lets the thread end once the queue is empty; {@link #finish} waits for that. */
  void stopWhenEmpty() {
    running = false;
  }

  /**
   * Gives the queue {@code grace} to empty after {@link #stopWhenEmpty}; what is left then (the
   * attempt in progress included) is dropped, counted and logged.
   */
  void finish(Duration grace) {
    running = false;
    try {
      if (thread.getState() != Thread.State.NEW) {
        thread.join(grace);
      }
      if (thread.isAlive()) {
        thread.interrupt();
        thread.join(Duration.ofSeconds(1));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    int left = queue.size();
    queue.clear();
    droppedShutdown.add(left);
    client.shutdownNow();
    if (droppedShutdown.sum() > 0) {
      LOG.warn(
          "webhook {} ({}): {} notifications were not sent before shutdown",
          name(),
          target(),
          droppedShutdown.sum());
    }
  }

  private void run() {
    Envelope inHand = null;
    try {
      while (running || !queue.isEmpty()) {
        inHand = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
        if (inHand != null) {
          awaitRateLimit();
          deliver(inHand);
          inHand = null;
        }
      }
    } catch (InterruptedException e) {
      // Stopping after the grace: stop() counts what is still queued, this the one in hand.
      if (inHand != null) {
        droppedShutdown.increment();
      }
    }
  }

  private void awaitRateLimit() throws InterruptedException {
    long wait = rateLimit.tryTake(System.nanoTime());
    if (wait > 0) {
      delayed.increment();
      do {
        TimeUnit.NANOSECONDS.sleep(wait);
        wait = rateLimit.tryTake(System.nanoTime());
      } while (wait > 0);
    }
  }

  private void deliver(Envelope envelope) throws InterruptedException {
    HttpRequest post =
        request
            .copy()
            .POST(HttpRequest.BodyPublishers.ofString(settings.format().body(envelope, codec)))
            .build();
    Duration backoff = settings.backoff();
    for (int attempt = 0; ; attempt++) {
      Delivery result = attempt(post);
      if (result.delivered()) {
        sent.increment();
        if (failureStreak > 0) {
          LOG.info(
              "webhook {} ({}) takes notifications again after {} failed",
              name(),
              target(),
              failureStreak);
          failureStreak = 0;
        }
        return;
      }
      lastProblem = result.problem();
      if (!result.retryable() || attempt >= settings.retries()) {
        failed.increment();
        failureStreak++;
        logFailure(envelope, result, attempt + 1);
        return;
      }
      retried.increment();
      Duration wait = result.retryAfter() != null ? result.retryAfter() : backoff;
      TimeUnit.MILLISECONDS.sleep(min(wait, settings.maxBackoff()).toMillis());
      backoff = min(backoff.multipliedBy(2), settings.maxBackoff());
    }
  }

  private Delivery attempt(HttpRequest post) throws InterruptedException {
    CompletableFuture<HttpResponse<Void>> response =
        client.sendAsync(post, HttpResponse.BodyHandlers.discarding());
    try {
      // The request timeout covers the answer's head; this one the whole exchange.
      HttpResponse<Void> answer =
          response.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
      return Delivery.answered(
          answer.statusCode(), answer.headers().firstValue("Retry-After").orElse(null));
    } catch (TimeoutException e) {
      response.cancel(true);
      return Delivery.retry("no answer within " + settings.timeout());
    } catch (InterruptedException e) {
      response.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof HttpTimeoutException) {
        return Delivery.retry("no answer within " + settings.timeout());
      }
      if (cause instanceof ConnectException) {
        return Delivery.retry("cannot connect");
      }
      if (cause instanceof IOException) {
        return Delivery.retry(cause.getClass().getSimpleName() + ": " + cause.getMessage());
      }
      return new Delivery(false, false, String.valueOf(cause), null);
    }
  }

  private void logFailure(Envelope envelope, Delivery result, int attempts) {
    long now = System.nanoTime();
    long total = failed.sum();
    if (now - failureLoggedAt < LOG_EVERY_NANOS) {
      return;
    }
    failureLoggedAt = now;
    LOG.warn(
        "webhook {} ({}): a {} notification was not delivered after {} attempts ({}); {} failed"
            + " since the last such line",
        name(),
        target(),
        envelope.type(),
        attempts,
        result.problem(),
        total - failuresLogged);
    failuresLogged = total;
  }

  private void logDrops() {
    long now = System.nanoTime();
    long last = dropLoggedAt.get();
    if (now - last < LOG_EVERY_NANOS || !dropLoggedAt.compareAndSet(last, now)) {
      return;
    }
    long total = droppedFull.sum();
    LOG.warn(
        "webhook {} ({}): its queue of {} is full, dropping new notifications; {} dropped since the"
            + " last such line (the receiver is slow or away, or rate-limit is too low)",
        name(),
        target(),
        settings.queueSize(),
        total - dropsLogged.getAndSet(total));
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  long sent() {
    return sent.sum();
  }

  long failed() {
    return failed.sum();
  }

  long retried() {
    return retried.sum();
  }

  long delayed() {
    return delayed.sum();
  }

  long droppedQueueFull() {
    return droppedFull.sum();
  }

  long droppedShutdown() {
    return droppedShutdown.sum();
  }

  int pending() {
    return queue.size();
  }

  String lastProblem() {
    return lastProblem;
  }
}
