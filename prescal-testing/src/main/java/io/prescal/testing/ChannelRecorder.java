package io.prescal.testing;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/**
 * Records what arrives on some Redis Pub/Sub channels, in order, as a subscriber sees it: each
 * message goes through a {@link Decoder} and is kept when the decoder returns one. The subscription
 * is in place when the constructor returns. {@link #raw} keeps every message as text;
 * prescal-common's test-jar has the decoding one for Prescal's envelopes ({@code EventRecorder}).
 *
 * @param <M> what is kept of each message
 */
public final class ChannelRecorder<M> implements AutoCloseable {

  /**
   * Turns a message into what is kept, or nothing to leave it out. Runs on Lettuce's I/O thread.
   */
  @FunctionalInterface
  public interface Decoder<M> {
    Optional<M> decode(String channel, String message);
  }

  /** One message as received. */
  public record Message(String channel, String text) {}

  private final RedisClient client;
  private final StatefulRedisPubSubConnection<String, String> connection;
  private final List<M> received = new CopyOnWriteArrayList<>();

  /** Subscribes to {@code channels} at {@code uri}, keeping what {@code decoder} returns. */
  public ChannelRecorder(String uri, Decoder<M> decoder, String... channels) {
    client = RedisClient.create(uri);
    try {
      connection = client.connectPubSub();
      connection.addListener(
          new RedisPubSubAdapter<>() {
            @Override
            public void message(String channel, String message) {
              decoder.decode(channel, message).ifPresent(received::add);
            }
          });
      connection.sync().subscribe(channels);
    } catch (RuntimeException e) {
      client.shutdown();
      throw e;
    }
  }

  /** A recorder that keeps every message as it arrived. */
  public static ChannelRecorder<Message> raw(String uri, String... channels) {
    return new ChannelRecorder<>(uri, (c, m) -> Optional.of(new Message(c, m)), channels);
  }

  /** Everything kept so far, in order. */
  public List<M> all() {
    return List.copyOf(received);
  }

  /** What was kept so far that passes {@code test}, in order. */
  public List<M> matching(Predicate<? super M> test) {
    return received.stream().filter(test).toList();
  }

  /** Waits up to {@code timeout} for a message that passes {@code test}; returns the first one. */
  public M await(Predicate<? super M> test, Duration timeout) {
    return Awaitility.await()
        .atMost(timeout)
        .until(() -> received.stream().filter(test).findFirst().orElse(null), Objects::nonNull);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
