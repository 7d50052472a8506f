package io.prescal.proxy.events;

import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.prescal.common.Channels;
import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.CommandRejected;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to {@code prescal:commands}, checks every message with the {@link CommandGate}, hands
 * accepted ones to the {@link CommandHandler} and answers each with {@code command.accepted} or
 * {@code command.rejected}. Messages are handled one at a time on a worker thread, never on
 * Lettuce's I/O thread (a handler may call Docker). Lettuce resubscribes by itself after a
 * reconnection; the first subscription is retried with backoff until Redis answers.
 */
final class CommandListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CommandListener.class);
  private static final int BACKLOG = 1_000;

  private final RedisClient client;
  private final CommandGate gate;
  private final CommandHandler handler;
  private final EventSink answers;
  private final Backoff backoff;
  private final ThreadPoolExecutor worker;
  private final ScheduledThreadPoolExecutor subscriber;
  private volatile StatefulRedisPubSubConnection<byte[], byte[]> connection;
  private volatile boolean closed;

  CommandListener(
      RedisClient client,
      CommandGate gate,
      CommandHandler handler,
      EventSink answers,
      Backoff backoff) {
    this.client = client;
    this.gate = gate;
    this.handler = handler;
    this.answers = answers;
    this.backoff = backoff;
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(BACKLOG),
            Thread.ofPlatform().name("prescal-commands").daemon().factory(),
            (task, pool) -> LOG.warn("command backlog full ({}); dropping a command", BACKLOG));
    this.subscriber =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("prescal-commands-subscribe").daemon().factory());
  }

  void start() {
    subscriber.execute(() -> subscribe(0));
  }

  /** Whether the subscription is in place (Lettuce keeps it across reconnections). */
  boolean subscribed() {
    StatefulRedisPubSubConnection<byte[], byte[]> c = connection;
    return c != null && c.isOpen();
  }

  private void subscribe(int failures) {
    if (closed) {
      return;
    }
    StatefulRedisPubSubConnection<byte[], byte[]> c = null;
    try {
      c = client.connectPubSub(ByteArrayCodec.INSTANCE);
      c.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
              worker.execute(() -> handle(message));
            }
          });
      c.sync().subscribe(Channels.COMMANDS.getBytes(StandardCharsets.UTF_8));
      connection = c;
      if (failures > 0) {
        LOG.info("listening to {} after {} failed attempts", Channels.COMMANDS, failures);
      }
    } catch (RuntimeException e) {
      if (c != null) {
        c.closeAsync();
      }
      if (failures == 0) {
        LOG.warn("cannot subscribe to {} yet ({}); retrying", Channels.COMMANDS, e.getMessage());
      }
      subscriber.schedule(
          () -> subscribe(failures + 1), backoff.delay(failures).toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void handle(byte[] message) {
    switch (gate.check(message)) {
      case CommandVerdict.Refuse r -> reject(r.service(), r.commandId(), r.type(), r.reason());
      case CommandVerdict.Apply a -> {
        try {
          String detail = handler.apply(a.service(), a.command());
          LOG.info("command {} for {} accepted: {}", a.commandId(), a.service(), detail);
          answers.publish(
              a.service(),
              new CommandAccepted(
                  a.commandId(),
                  a.type(),
                  detail == null || detail.isBlank() ? a.command().describe() : detail));
        } catch (CommandHandler.CommandRefusedException e) {
          reject(a.service(), a.commandId(), a.type(), e.getMessage());
        } catch (RuntimeException e) {
          LOG.error("command {} failed in the handler", a.commandId(), e);
          reject(a.service(), a.commandId(), a.type(), "the proxy failed to apply it: " + e);
        }
      }
    }
  }

  private void reject(String service, String id, String type, String reason) {
    LOG.info("command {} ({}) for {} rejected: {}", id, type, service, reason);
    String why = reason == null || reason.isBlank() ? "refused" : reason;
    answers.publish(service, new CommandRejected(id, type, why));
  }

  @Override
  public void close() {
    closed = true;
    subscriber.shutdownNow();
    StatefulRedisPubSubConnection<byte[], byte[]> c = connection;
    if (c != null) {
      c.close();
    }
    worker.shutdown();
    try {
      worker.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
