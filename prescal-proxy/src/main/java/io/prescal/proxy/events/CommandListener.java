package io.prescal.proxy.events;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.prescal.common.Channels;
import io.prescal.common.codec.Printable;
import io.prescal.common.event.CommandAccepted;
import io.prescal.common.event.CommandRejected;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Subscribes to {@code prescal:commands}, checks every message with the {@link CommandGate}, hands
 * accepted ones to the {@link CommandHandler} and answers with {@code command.accepted} or {@code
 * command.rejected}. Messages over {@link Channels#COMMAND_MAX_BYTES} are refused by their length
 * on Lettuce's I/O thread, never copied. The rest are handled one at a time on a worker thread,
 * never on Lettuce's I/O thread (a handler may call Docker), with a bounded backlog. Refusals are
 * counted by kind and logged through the {@link RefusalLog} (one line per kind per interval, no raw
 * text); refusals anyone could provoke are answered as often as they are logged. Lettuce
 * resubscribes by itself after a reconnection; the first subscription is retried with backoff until
 * Redis answers.
 */
final class CommandListener implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(CommandListener.class);
  private static final int BACKLOG = 1_000;
  private static final CommandVerdict.Refuse BACKLOG_FULL =
      new CommandVerdict.Refuse(
          RefusalKind.BACKLOG_FULL,
          CommandGate.UNKNOWN,
          CommandGate.UNKNOWN,
          null,
          "the backlog of " + BACKLOG + " messages waiting to be checked is full; dropped unread");

  private final RedisClient client;
  private final CommandSightings sightings;
  private final CommandGate gate;
  private final CommandHandler handler;
  private final EventSink answers;
  private final Backoff backoff;
  private final RefusalLog refusals;
  private final CommandCounters counters = new CommandCounters();
  private final ThreadPoolExecutor worker;
  private final ScheduledThreadPoolExecutor subscriber;
  private volatile StatefulRedisPubSubConnection<String, CommandMessage> connection;
  private volatile boolean closed;

  /**
   * @param sightings marked before every subscription: the replay memory learns when this process
   *     began listening
   */
  CommandListener(
      RedisClient client,
      CommandSightings sightings,
      CommandGate gate,
      CommandHandler handler,
      EventSink answers,
      Backoff backoff,
      RefusalLog refusals) {
    this.client = client;
    this.sightings = sightings;
    this.gate = gate;
    this.handler = handler;
    this.answers = answers;
    this.backoff = backoff;
    this.refusals = refusals;
    this.worker =
        new ThreadPoolExecutor(
            1,
            1,
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(BACKLOG),
            Thread.ofPlatform().name("prescal-commands").daemon().factory(),
            (task, pool) -> {
              // Counted and logged like any refusal (once per interval), never answered.
              counters.rejected(RefusalKind.BACKLOG_FULL);
              refusals.refused(BACKLOG_FULL);
            });
    this.subscriber =
        new ScheduledThreadPoolExecutor(
            1, Thread.ofPlatform().name("prescal-commands-subscribe").daemon().factory());
  }

  void start() {
    subscriber.execute(() -> subscribe(0));
  }

  /** Whether the subscription is in place (Lettuce keeps it across reconnections). */
  boolean subscribed() {
    StatefulRedisPubSubConnection<String, CommandMessage> c = connection;
    return c != null && c.isOpen();
  }

  private void subscribe(int failures) {
    if (closed) {
      return;
    }
    StatefulRedisPubSubConnection<String, CommandMessage> c = null;
    try {
      // Before subscribing: a copy of a command some proxy saw before this moment is a replay.
      sightings.listening();
      c = client.connectPubSub(new CommandMessageCodec(Channels.COMMAND_MAX_BYTES));
      c.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, CommandMessage message) {
              worker.execute(() -> handle(message));
            }
          });
      c.sync().subscribe(Channels.COMMANDS);
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

  private void handle(CommandMessage message) {
    switch (gate.check(message)) {
      case CommandVerdict.Refuse r -> reject(r);
      case CommandVerdict.Apply a -> {
        try {
          String detail = handler.apply(a.service(), a.command());
          counters.accepted();
          LOG.info(
              "command {} for {} accepted: {}",
              Printable.of(a.commandId(), 80),
              Printable.of(a.service(), 80),
              Printable.of(detail, 300));
          answers.publish(
              a.service(),
              new CommandAccepted(
                  a.commandId(),
                  a.type(),
                  detail == null || detail.isBlank() ? a.command().describe() : detail));
        } catch (CommandHandler.CommandRefusedException e) {
          reject(
              new CommandVerdict.Refuse(
                  RefusalKind.REFUSED, a.commandId(), a.type(), a.service(), e.getMessage()));
        } catch (RuntimeException e) {
          LOG.error("command {} failed in the handler", Printable.of(a.commandId(), 80), e);
          reject(
              new CommandVerdict.Refuse(
                  RefusalKind.FAILED,
                  a.commandId(),
                  a.type(),
                  a.service(),
                  "the proxy failed to apply it: " + e));
        }
      }
    }
  }

  private void reject(CommandVerdict.Refuse refusal) {
    counters.rejected(refusal.kind());
    boolean logged = refusals.refused(refusal);
    if (logged || refusal.kind().alwaysAnswered()) {
      String reason = refusal.reason();
      String why = reason == null || reason.isBlank() ? "refused" : reason;
      answers.publish(
          refusal.service(), new CommandRejected(refusal.commandId(), refusal.type(), why));
    }
  }

  /** Commands applied since start. */
  long accepted() {
    return counters.acceptedCount();
  }

  /** Commands refused since start, by kind (every kind, 0 when none). */
  Map<String, Long> rejected() {
    return counters.rejectedByKind();
  }

  @Override
  public void close() {
    closed = true;
    subscriber.shutdownNow();
    StatefulRedisPubSubConnection<String, CommandMessage> c = connection;
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
