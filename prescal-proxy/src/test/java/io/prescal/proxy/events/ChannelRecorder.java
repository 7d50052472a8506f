package io.prescal.proxy.events;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.prescal.common.codec.DecodeCounters;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import io.prescal.common.event.PrescalEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.awaitility.Awaitility;

/** Records what arrives on some Redis channels, decoded, as a consumer would see it. */
public final class ChannelRecorder implements AutoCloseable {

  /** One message as received. */
  public record Received(String channel, Envelope envelope) {}

  private final RedisClient client;
  private final StatefulRedisPubSubConnection<String, String> connection;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final EventCodec codec = new EventCodec();
  private final DecodeCounters counters = new DecodeCounters("ChannelRecorder");

  public ChannelRecorder(String uri, String... channels) {
    client = RedisClient.create(uri);
    connection = client.connectPubSub();
    connection.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            counters
                .accept(codec.decode(message))
                .ifPresent(e -> received.add(new Received(channel, e)));
          }
        });
    connection.sync().subscribe(channels);
  }

  /** Everything received so far whose data is a {@code type}. */
  public <T extends PrescalEvent> List<Received> of(Class<T> type) {
    return received.stream().filter(r -> type.isInstance(r.envelope().data())).toList();
  }

  /** Waits until a {@code type} matching {@code test} arrived, and returns its envelope. */
  @SuppressWarnings("unchecked")
  public <T extends PrescalEvent> Received await(
      Class<T> type, Predicate<T> test, Duration timeout) {
    return Awaitility.await()
        .atMost(timeout)
        .until(
            () ->
                of(type).stream()
                    .filter(r -> test.test((T) r.envelope().data()))
                    .findFirst()
                    .orElse(null),
            r -> r != null);
  }

  /** Everything received so far, in order. */
  public List<Received> all() {
    return List.copyOf(received);
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
