package io.prescal.proxy.events;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.prescal.common.Channels;
import io.prescal.common.codec.CommandSigner;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.MetricsSnapshot;
import io.prescal.common.event.PrescalEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The proxy's Redis side of the event pipeline, in one object: an {@link EventSink} that never
 * blocks (a bounded queue drained by a publisher thread), a metrics snapshot from the {@link
 * MetricsSource} every interval, and a listener that applies signed operator commands through the
 * {@link CommandHandler}. Start it with {@link #start}; {@link #close} publishes what is queued (up
 * to the close timeout) and releases every thread and connection.
 */
public final class RedisEventPipeline implements EventSink, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RedisEventPipeline.class);

  private final RedisSettings settings;
  private final Clock clock;
  private final ClientResources resources;
  private final RedisClient client;
  private final OutboundQueue queue;
  private final RedisPublisher publisher;
  private final MetricsTicker ticker;
  private final RedisCommandSightings sightings;
  private final CommandListener commands;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RedisEventPipeline(
      RedisSettings settings, MetricsSource metrics, CommandHandler handler, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    EventCodec codec = new EventCodec();
    this.resources =
        ClientResources.builder()
            .ioThreadPoolSize(1)
            .computationThreadPoolSize(1)
            .reconnectDelay(
                Delay.exponential(
                    Duration.ofMillis(100),
                    Duration.ofSeconds(5),
                    2,
                    java.util.concurrent.TimeUnit.MILLISECONDS))
            .build();
    this.client = RedisClient.create(resources, settings.redisUri());
    client.setOptions(
        ClientOptions.builder()
            .autoReconnect(true)
            // Fail fast while disconnected: the OutboundQueue is the only buffer, and it is
            // bounded.
            .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
            .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).build())
            .sslOptions(settings.sslOptions())
            .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5)))
            .build());
    this.queue = new OutboundQueue(settings.queueCapacity());
    this.publisher = new RedisPublisher(client, queue, codec, settings, clock, Backoff.DEFAULT);
    this.ticker = new MetricsTicker(metrics, this, settings.metricsInterval());
    CommandSigner signer =
        settings.commandSecret() == null
            ? null
            : new CommandSigner(settings.commandSecret(), codec);
    this.sightings =
        new RedisCommandSightings(client, settings.instanceId(), settings.commandMaxSkew());
    this.commands =
        new CommandListener(
            client,
            sightings,
            new CommandGate(
                codec,
                signer,
                settings.commandMaxSkew(),
                clock,
                new ReplayGuard(settings.commandMaxSkew(), sightings)),
            handler,
            this,
            Backoff.DEFAULT,
            new RefusalLog(
                LoggerFactory.getLogger(CommandListener.class),
                RefusalLog.INTERVAL,
                System::nanoTime));
  }

  /**
   * Connects to Redis in the background and starts publishing, reading metrics and listening for
   * commands. Returns at once: while Redis cannot be reached, events are queued (the oldest dropped
   * beyond the queue's capacity) and connection attempts go on with backoff.
   *
   * @param settings where Redis is and how to publish
   * @param metrics read once per {@link RedisSettings#metricsInterval()}
   * @param handler applies commands that pass every check
   */
  public static RedisEventPipeline start(
      RedisSettings settings, MetricsSource metrics, CommandHandler handler) {
    return start(settings, metrics, handler, Clock.systemUTC());
  }

  static RedisEventPipeline start(
      RedisSettings settings, MetricsSource metrics, CommandHandler handler, Clock clock) {
    RedisEventPipeline pipeline = new RedisEventPipeline(settings, metrics, handler, clock);
    pipeline.publisher.start();
    pipeline.commands.start();
    pipeline.ticker.start();
    LOG.info("publishing events to {} as {}", settings.maskedUri(), settings.instanceId());
    return pipeline;
  }

  /** Queues {@code event}: metrics snapshots for {@code prescal:metrics}, the rest for events. */
  @Override
  public void publish(String service, PrescalEvent event) {
    if (event == null || closed.get()) {
      return;
    }
    try {
      String channel = event instanceof MetricsSnapshot ? Channels.METRICS : Channels.EVENTS;
      queue.offer(
          new Outbound(
              channel, Envelope.of(settings.instanceId(), service, event, clock.instant())));
    } catch (RuntimeException e) {
      // The contract of EventSink: never throw into an event loop.
      LOG.warn(
          "cannot queue {} for {}: {}", event.getClass().getSimpleName(), service, e.toString());
    }
  }

  /** The publisher's counters. */
  public PublisherStats stats() {
    return new PublisherStats(
        publisher.published(),
        queue.dropped(),
        queue.size(),
        publisher.connected(),
        commands.subscribed(),
        commands.accepted(),
        commands.rejected());
  }

  /** The instance id written as every envelope's source. */
  public String instanceId() {
    return settings.instanceId();
  }

  /**
   * Stops reading metrics and commands, publishes what is queued for up to the close timeout (so a
   * final {@code proxy.stopping} goes out), then closes the connections.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    ticker.close();
    commands.close();
    sightings.close();
    publisher.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown();
  }
}
