package io.prescal.traffic.events;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.prescal.common.Channels;
import io.prescal.common.codec.DecodeCounters;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.common.redis.RedisAccess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Subscribes to {@link Channels#EVENTS} for the length of a run and keeps every event. Messages it
 * cannot read are counted and logged once per kind ({@link DecodeCounters}), never fatal.
 */
public final class EventWatcher implements AutoCloseable {

  private final RedisClient client;
  private final StatefulRedisPubSubConnection<String, String> connection;
  private final EventCodec codec = new EventCodec();
  private final DecodeCounters counters =
      new DecodeCounters("prescal-traffic on " + Channels.EVENTS);
  private final List<Envelope> received = new CopyOnWriteArrayList<>();
  private final ConcurrentLinkedQueue<Envelope> fresh = new ConcurrentLinkedQueue<>();

  private EventWatcher(RedisClient client, StatefulRedisPubSubConnection<String, String> c) {
    this.client = client;
    this.connection = c;
  }

  /**
   * Connects to the Redis of {@code access} (user, password, TLS and CA as every Prescal component
   * reads them) and subscribes.
   *
   * @throws IllegalStateException when Redis does not answer or refuses the login, naming the URL
   *     with its password hidden
   */
  public static EventWatcher subscribe(RedisAccess access) {
    RedisURI.Builder uri =
        RedisURI.builder()
            .withHost(access.host())
            .withPort(access.port())
            .withDatabase(access.database())
            .withSsl(access.tls())
            .withTimeout(Duration.ofSeconds(3));
    if (access.password() != null) {
      if (access.username() != null) {
        uri.withAuthentication(access.username(), access.password());
      } else {
        uri.withPassword(access.password().toCharArray());
      }
    }
    RedisClient client = RedisClient.create(uri.build());
    if (access.caFile() != null) {
      client.setOptions(
          ClientOptions.builder()
              .sslOptions(
                  SslOptions.builder()
                      .jdkSslProvider()
                      .trustManager(access.trustManagers())
                      .build())
              .build());
    }
    try {
      StatefulRedisPubSubConnection<String, String> c = client.connectPubSub();
      EventWatcher watcher = new EventWatcher(client, c);
      c.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              watcher.accept(message);
            }
          });
      c.sync().subscribe(Channels.EVENTS);
      return watcher;
    } catch (RedisException e) {
      client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
      throw new IllegalStateException(
          "--events: cannot subscribe at "
              + access.maskedUrl()
              + " ("
              + rootMessage(e)
              + "); is Redis running, and are the user and password right?");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  void accept(String message) {
    counters
        .accept(codec.decode(message))
        .ifPresent(
            envelope -> {
              received.add(envelope);
              fresh.add(envelope);
            });
  }

  /** Every event received so far. */
  public List<Envelope> received() {
    return List.copyOf(received);
  }

  /** Events received since the last call (for live progress). */
  public List<Envelope> drainFresh() {
    List<Envelope> out = new java.util.ArrayList<>();
    for (Envelope e; (e = fresh.poll()) != null; ) {
      out.add(e);
    }
    return out;
  }

  /** Messages skipped or malformed, by kind. */
  public Map<String, Long> rejected() {
    return counters.byKind();
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
  }
}
