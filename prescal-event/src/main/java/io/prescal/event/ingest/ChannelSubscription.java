package io.prescal.event.ingest;

import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.prescal.common.Channels;
import io.prescal.event.lifecycle.BackgroundLifecycle;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The subscription to {@code prescal:events} and {@code prescal:metrics}: a Lettuce Pub/Sub
 * connection of the application's Redis client (same URI, credentials, TLS) whose I/O thread only
 * puts each raw message on the {@link IngestQueue} (oversized ones are counted right away, never
 * queued). Started in the background and retried with backoff while Redis cannot be reached, so the
 * service starts (and reports itself DOWN) without Redis. Lettuce reconnects and resubscribes by
 * itself afterwards; each loss of the connection is counted and logged, since what is published
 * meanwhile never reaches this service.
 */
public final class ChannelSubscription extends BackgroundLifecycle {

  private static final Logger LOG = LoggerFactory.getLogger(ChannelSubscription.class);
  private static final Duration MAX_DELAY = Duration.ofSeconds(5);
  private static final byte[] EVENTS = Channels.EVENTS.getBytes(StandardCharsets.UTF_8);
  private static final byte[] METRICS = Channels.METRICS.getBytes(StandardCharsets.UTF_8);

  private final LettuceConnectionFactory connections;
  private final IngestQueue queue;
  private final IngestWorker.Handler oversized;
  private final int maxMessageBytes;
  private final LongAdder lost = new LongAdder();
  private final ConnectionWatch watch = new ConnectionWatch();
  private volatile StatefulRedisPubSubConnection<byte[], byte[]> connection;
  private ScheduledExecutorService retries;

  /**
   * @param oversized counts messages over {@code maxMessageBytes} (on the I/O thread)
   */
  public ChannelSubscription(
      LettuceConnectionFactory connections,
      IngestQueue queue,
      IngestWorker.Handler oversized,
      int maxMessageBytes) {
    super("prescal-subscribe", AtStop.INTERRUPT);
    this.connections = connections;
    this.queue = queue;
    this.oversized = oversized;
    this.maxMessageBytes = maxMessageBytes;
  }

  private void attempt(int failures) {
    if (!isRunning()) {
      return;
    }
    try {
      connection = subscribe(connections.getRequiredNativeClient());
      if (failures > 0) {
        LOG.info("subscribed after {} failed attempts", failures);
      }
    } catch (RuntimeException e) {
      if (failures == 0) {
        LOG.warn("cannot subscribe yet ({}); retrying with backoff", e.getMessage());
      }
      long delay = Math.min(MAX_DELAY.toMillis(), 100L << Math.min(failures, 10));
      retries.schedule(() -> attempt(failures + 1), delay, TimeUnit.MILLISECONDS);
    }
  }

  private StatefulRedisPubSubConnection<byte[], byte[]> subscribe(AbstractRedisClient client) {
    StatefulRedisPubSubConnection<byte[], byte[]> c =
        switch (client) {
          case RedisClient r -> r.connectPubSub(ByteArrayCodec.INSTANCE);
          case RedisClusterClient r -> r.connectPubSub(ByteArrayCodec.INSTANCE);
          default ->
              throw new IllegalStateException("unsupported Redis client: " + client.getClass());
        };
    try {
      c.addListener(new Reader());
      c.sync().subscribe(EVENTS, METRICS);
      return c;
    } catch (RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** Runs on the connection's I/O thread: no decoding here, only the hand-off. */
  private final class Reader extends RedisPubSubAdapter<byte[], byte[]> {
    @Override
    public void message(byte[] channel, byte[] body) {
      String name =
          Arrays.equals(channel, EVENTS)
              ? Channels.EVENTS
              : Arrays.equals(channel, METRICS) ? Channels.METRICS : null;
      if (name == null) {
        return;
      }
      if (body.length > maxMessageBytes) {
        oversized.handle(name, body);
      } else {
        queue.offer(name, body);
      }
    }
  }

  /** Counts the subscription's connection losses (the client reports every connection's). */
  private final class ConnectionWatch implements RedisConnectionStateListener {
    @Override
    public void onRedisDisconnected(RedisChannelHandler<?, ?> c) {
      if (isRunning() && c == connection) {
        lost.increment();
        LOG.warn(
            "subscription connection lost (Redis went away, or closed it: if its log says"
                + " \"output buffer limits\", this service read too slowly); messages published"
                + " until it is back are lost to this service; reconnecting");
      }
    }

    @Override
    public void onRedisConnected(RedisChannelHandler<?, ?> c, SocketAddress address) {
      if (isRunning() && c == connection) {
        LOG.info("subscription connection back ({} losses since start)", lost.sum());
      }
    }
  }

  /** How often the subscription's connection was lost since start. */
  public long lost() {
    return lost.sum();
  }

  @Override
  protected void begin(ScheduledExecutorService thread) {
    retries = thread;
    connections.getRequiredNativeClient().addListener(watch);
    retries.execute(() -> attempt(0));
  }

  @Override
  protected void afterStop() {
    connections.getRequiredNativeClient().removeListener(watch);
    StatefulRedisPubSubConnection<byte[], byte[]> c = connection;
    if (c != null) {
      c.close();
    }
  }
}
