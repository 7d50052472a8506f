package io.prescal.proxy.provider.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.api.model.EventType;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's stream of container deaths ({@code die}, {@code oom}) for containers Prescal
 * manages. Reopened after a break from where it left off ({@code since} the last event seen), so a
 * death during an outage is still reported; events seen twice are dropped.
 */
final class ContainerEvents {

  private static final Logger LOG = LoggerFactory.getLogger(ContainerEvents.class);

  private final DockerClient client;
  private final Runnable onBroken;
  private final List<Consumer<ContainerEvent>> listeners = new CopyOnWriteArrayList<>();
  private volatile Stream current;
  private volatile long lastNanos;
  private volatile long brokenAtNanos;

  ContainerEvents(DockerClient client, Runnable onBroken) {
    this.client = client;
    this.onBroken = onBroken;
  }

  void subscribe(Consumer<ContainerEvent> listener) {
    listeners.add(listener);
  }

  void unsubscribe(Consumer<ContainerEvent> listener) {
    listeners.remove(listener);
  }

  boolean isOpen() {
    return current != null;
  }

  /** Opens the stream; after a break, from the last event seen (or the moment of the break). */
  synchronized void open() {
    if (current != null) {
      return;
    }
    var cmd =
        client
            .eventsCmd()
            .withEventTypeFilter(EventType.CONTAINER)
            .withEventFilter("die", "oom")
            .withLabelFilter(Map.of(ContainerLabels.MANAGED, "true"));
    long since = lastNanos > 0 ? lastNanos : brokenAtNanos;
    if (since > 0) {
      cmd.withSince(since / 1_000_000_000L + "." + String.format("%09d", since % 1_000_000_000L));
    }
    current = cmd.exec(new Stream());
  }

  /** Closes the stream (engine lost, or shutdown); a reopened stream starts from here. */
  synchronized void close() {
    Stream stream = current;
    current = null;
    if (stream != null) {
      markBreak();
      stream.close();
    }
  }

  /** Events from a little before the break are asked for again; those seen are dropped. */
  private void markBreak() {
    brokenAtNanos = System.currentTimeMillis() * 1_000_000L - 5_000_000_000L;
  }

  private void broken(Stream stream, Throwable why) {
    synchronized (this) {
      if (current != stream) {
        return; // closed on purpose
      }
      current = null;
      markBreak();
    }
    LOG.debug("Docker event stream ended ({}); reopening", why == null ? "closed" : why.toString());
    onBroken.run();
  }

  private void deliver(Event event) {
    long nanos = event.getTimeNano() == null ? 0 : event.getTimeNano();
    if (nanos != 0 && nanos <= lastNanos) {
      return; // replayed after a reconnect
    }
    lastNanos = Math.max(lastNanos, nanos);
    var actor = event.getActor();
    var containerEvent =
        new ContainerEvent(
            actor != null && actor.getId() != null ? actor.getId() : event.getId(),
            event.getAction() != null ? event.getAction() : event.getStatus(),
            actor == null ? null : actor.getAttributes(),
            nanos);
    for (var listener : listeners) {
      try {
        listener.accept(containerEvent);
      } catch (RuntimeException e) {
        LOG.warn("a container event listener failed on {}", containerEvent, e);
      }
    }
  }

  /** One connection of the stream. */
  private final class Stream implements ResultCallback<Event> {
    private volatile Closeable connection;
    private volatile boolean closed;

    @Override
    public void onStart(Closeable closeable) {
      connection = closeable;
      if (closed) {
        close();
      }
    }

    @Override
    public void onNext(Event event) {
      if (!closed) {
        deliver(event);
      }
    }

    @Override
    public void onError(Throwable error) {
      if (!closed) {
        broken(this, error);
      }
    }

    @Override
    public void onComplete() {
      if (!closed) {
        broken(this, null);
      }
    }

    @Override
    public void close() {
      closed = true;
      Closeable c = connection;
      if (c != null) {
        try {
          c.close();
        } catch (IOException e) {
          LOG.debug("closing the Docker event stream: {}", e.toString());
        }
      }
    }
  }
}
