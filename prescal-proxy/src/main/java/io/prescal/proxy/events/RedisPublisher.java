package io.prescal.proxy.events;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.prescal.common.Channels;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.PublisherRecovered;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes messages from the {@link OutboundQueue} on its own thread and publishes them in pipelined
 * batches. When Redis is away it keeps what it could not send at the head of the queue, retries
 * with {@link Backoff}, and once a batch goes through again it publishes {@code
 * publisher.recovered} with the messages dropped and the outage's length.
 */
final class RedisPublisher implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisPublisher.class);
  private static final int BATCH = 512;
  private static final long SEND_TIMEOUT_MILLIS = 5_000;

  /**
   * After an outage, how long to wait for a subscriber on {@code prescal:events} before sending the
   * backlog: Pub/Sub keeps nothing, and consumers reconnect at about the same time as this
   * publisher does.
   */
  static final Duration SUBSCRIBER_GRACE = Duration.ofSeconds(3);

  private final RedisClient client;
  private final OutboundQueue queue;
  private final EventCodec codec;
  private final RedisSettings settings;
  private final Clock clock;
  private final Backoff backoff;
  private final Thread thread;
  private final CountDownLatch closing = new CountDownLatch(1);
  private final LongAdder published = new LongAdder();
  private volatile boolean connected;
  private volatile long closeDeadlineNanos;

  // Owned by the publisher thread.
  private StatefulRedisConnection<String, String> connection;
  private long outageStartMillis = -1;
  private long droppedAtLastSuccess;

  RedisPublisher(
      RedisClient client,
      OutboundQueue queue,
      EventCodec codec,
      RedisSettings settings,
      Clock clock,
      Backoff backoff) {
    this.client = client;
    this.queue = queue;
    this.codec = codec;
    this.settings = settings;
    this.clock = clock;
    this.backoff = backoff;
    this.thread = Thread.ofPlatform().name("prescal-redis-publisher").daemon().unstarted(this::run);
  }

  void start() {
    thread.start();
  }

  /** Messages published since start. */
  long published() {
    return published.sum();
  }

  /** Whether the last attempt to publish reached Redis. */
  boolean connected() {
    return connected;
  }

  private void run() {
    List<Outbound> batch = new ArrayList<>(BATCH);
    int failures = 0;
    while (true) {
      boolean stopping = closing.getCount() == 0;
      if (stopping && (queue.size() == 0 || outageStartMillis >= 0 || pastCloseDeadline())) {
        break;
      }
      try {
        if (queue.drainTo(batch, BATCH, 100, TimeUnit.MILLISECONDS) == 0) {
          continue;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
      List<Outbound> unsent = send(batch);
      batch.clear();
      if (unsent.isEmpty()) {
        failures = 0;
        recovered();
      } else {
        queue.requeueFirst(unsent);
        pause(backoff.delay(failures++));
      }
    }
    int left = queue.size();
    if (left > 0) {
      LOG.warn("closing with {} messages not published to {}", left, settings.maskedUri());
    }
    if (connection != null) {
      connection.close();
    }
  }

  /** Publishes {@code batch} in one pipeline; returns what did not go through, in order. */
  private List<Outbound> send(List<Outbound> batch) {
    if (connection == null && !connect()) {
      return new ArrayList<>(batch);
    }
    if (outageStartMillis >= 0) {
      awaitSubscriber();
    }
    RedisAsyncCommands<String, String> async = connection.async();
    List<RedisFuture<Long>> futures = new ArrayList<>(batch.size());
    connection.setAutoFlushCommands(false);
    try {
      for (Outbound message : batch) {
        futures.add(async.publish(message.channel(), codec.encode(message.envelope())));
      }
    } finally {
      connection.flushCommands();
      connection.setAutoFlushCommands(true);
    }
    List<Outbound> unsent = new ArrayList<>();
    Throwable cause = null;
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SEND_TIMEOUT_MILLIS);
    for (int i = 0; i < futures.size(); i++) {
      try {
        futures.get(i).get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        published.increment();
      } catch (ExecutionException | TimeoutException e) {
        cause = cause == null ? e : cause;
        unsent.add(batch.get(i));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        unsent.add(batch.get(i));
      }
    }
    if (cause != null) {
      outage(cause instanceof ExecutionException ee ? ee.getCause() : cause);
    }
    return unsent;
  }

  private void awaitSubscriber() {
    long deadline = System.nanoTime() + SUBSCRIBER_GRACE.toNanos();
    while (closing.getCount() > 0) {
      try {
        Long subscribers = connection.sync().pubsubNumsub(Channels.EVENTS).get(Channels.EVENTS);
        if (subscribers != null && subscribers > 0) {
          return;
        }
      } catch (RuntimeException e) {
        return; // still away: the publish right after fails and the outage goes on
      }
      if (System.nanoTime() - deadline > 0) {
        return;
      }
      pause(Duration.ofMillis(50));
    }
  }

  private boolean connect() {
    try {
      connection = client.connect();
      return true;
    } catch (RuntimeException e) {
      outage(e);
      return false;
    }
  }

  private void outage(Throwable cause) {
    connected = false;
    if (outageStartMillis < 0) {
      outageStartMillis = clock.millis();
      LOG.warn(
          "Redis at {} is unreachable ({}); retrying with backoff, keeping the newest {} messages",
          settings.maskedUri(),
          cause.getMessage(),
          settings.queueCapacity());
    }
  }

  private void recovered() {
    connected = true;
    long droppedNow = queue.dropped();
    // Drops since Redis was last reached: the queue may have overflowed before the first failure
    // was noticed (a connection attempt takes a while).
    long dropped = droppedNow - droppedAtLastSuccess;
    droppedAtLastSuccess = droppedNow;
    if (outageStartMillis < 0) {
      return;
    }
    long outageMillis = Math.max(0, clock.millis() - outageStartMillis);
    outageStartMillis = -1;
    LOG.info(
        "Redis at {} reachable again after {} ms; {} messages were dropped",
        settings.maskedUri(),
        outageMillis,
        dropped);
    Envelope envelope =
        Envelope.of(
            settings.instanceId(),
            null,
            new PublisherRecovered(dropped, outageMillis),
            clock.instant());
    queue.requeueFirst(List.of(new Outbound(Channels.EVENTS, envelope)));
  }

  private boolean pastCloseDeadline() {
    return System.nanoTime() - closeDeadlineNanos > 0;
  }

  private void pause(Duration delay) {
    try {
      closing.await(delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Publishes what is queued for up to the close timeout, then stops. */
  @Override
  public void close() {
    closeDeadlineNanos = System.nanoTime() + settings.closeTimeout().toNanos();
    closing.countDown();
    try {
      thread.join(settings.closeTimeout().plusSeconds(SEND_TIMEOUT_MILLIS / 1000 + 1).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
