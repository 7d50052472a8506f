package io.prescal.event.it;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.prescal.common.codec.EventCodec;
import io.prescal.common.event.Envelope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Subscribes to channels the way the dashboard does and keeps every envelope it reads. */
final class ChannelWatch implements AutoCloseable {

  private final RedisClient client;
  private final StatefulRedisPubSubConnection<String, String> connection;
  private final List<Envelope> seen = new CopyOnWriteArrayList<>();

  ChannelWatch(String uri, String... channels) {
    EventCodec codec = new EventCodec();
    client = RedisClient.create(uri);
    connection = client.connectPubSub();
    connection.addListener(
        new RedisPubSubAdapter<>() {
          @Override
          public void message(String channel, String message) {
            codec.decode(message).event().ifPresent(seen::add);
          }
        });
    connection.sync().subscribe(channels);
  }

  /** The envelopes seen so far that match {@code test}. */
  List<Envelope> matching(Predicate<Envelope> test) {
    return seen.stream().filter(test).toList();
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown();
  }
}
