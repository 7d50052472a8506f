package io.prescal.proxy.autoscale;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.prescal.common.event.ColdStart;
import io.prescal.proxy.config.HoldQueueConfig;
import io.prescal.proxy.events.EventSink;
import io.prescal.proxy.pool.Backend;
import io.prescal.proxy.pool.NoBackendPolicy;
import io.prescal.proxy.pool.PickContext;
import io.prescal.proxy.pool.ServicePool;
import io.prescal.proxy.pool.StartingPage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;

/**
 * Where requests of an autoscaled service wait while no backend is ready (scale from zero, every
 * backend starting): a bounded FIFO queue. Requests are released in arrival order as soon as a
 * backend is ready; one that waits past the wait limit gets 503 with Retry-After, and one that
 * finds the queue full gets 503 at once. A browser's request ({@code Accept: text/html}) that has
 * waited {@code pageAfter} leaves the queue for a self-refreshing "starting" page ({@link
 * StartingPage}); other requests keep waiting. The first request held while nothing is ready tells
 * the autoscaler at once and starts the cold-start clock, which stops when a backend is ready.
 *
 * <p>Called on event loops (requests) and on whatever thread makes a backend ready; never blocks.
 */
public final class HoldQueue implements NoBackendPolicy {

  private record Held(CompletableFuture<Backend> answer, PickContext context) {}

  private final ServicePool pool;
  private final EventSink events;
  private final ScheduledExecutorService timer;
  private final LongConsumer arrivedAtEmpty;
  private final ArrayDeque<Held> waiting = new ArrayDeque<>(); // guarded by this
  private volatile HoldQueueConfig settings;
  private volatile ColdStartStats coldStarts = ColdStartStats.NONE;
  private long coldSinceNanos = -1; // guarded by this; -1: no cold start running
  private int coldHeld; // guarded by this
  private boolean closed; // guarded by this

  /**
   * @param timer runs the wait-limit timeouts
   * @param arrivedAtEmpty called (on the request's thread, without blocking) with the {@link
   *     System#nanoTime()} of its arrival when a request is held in an empty queue
   */
  HoldQueue(
      ServicePool pool,
      HoldQueueConfig settings,
      EventSink events,
      ScheduledExecutorService timer,
      LongConsumer arrivedAtEmpty) {
    this.pool = pool;
    this.settings = settings;
    this.events = events;
    this.timer = timer;
    this.arrivedAtEmpty = arrivedAtEmpty;
  }

  @Override
  public CompletableFuture<Backend> onNoBackend(ServicePool target, PickContext context) {
    long arrived = System.nanoTime();
    Held held = new Held(new CompletableFuture<>(), context);
    HoldQueueConfig limits = settings;
    boolean first;
    synchronized (this) {
      if (closed || waiting.size() >= limits.size()) {
        return CompletableFuture.completedFuture(null); // full: 503 at once
      }
      first = waiting.isEmpty();
      waiting.addLast(held);
      if (coldSinceNanos < 0 && pool.snapshot().routable().isEmpty()) {
        coldSinceNanos = arrived;
        coldHeld = 0;
      }
      if (coldSinceNanos >= 0) {
        coldHeld++;
      }
    }
    try {
      var expiry =
          timer.schedule(() -> expire(held), limits.waitLimit().toNanos(), TimeUnit.NANOSECONDS);
      held.answer().whenComplete((b, e) -> expiry.cancel(false));
      if (limits.pages()
          && limits.pageAfter().compareTo(limits.waitLimit()) < 0
          && wantsPage(context.headers())) {
        var page =
            timer.schedule(() -> page(held), limits.pageAfter().toNanos(), TimeUnit.NANOSECONDS);
        held.answer().whenComplete((b, e) -> page.cancel(false));
      }
    } catch (RejectedExecutionException closing) {
      expire(held);
    }
    if (first) {
      arrivedAtEmpty.accept(arrived);
    }
    release(null); // a backend may have become ready while this request was on its way here
    return held.answer();
  }

  /** A backend became ready: every waiting request goes, in arrival order. */
  void onReady(Backend backend) {
    release(backend);
  }

  private void release(Backend ready) {
    List<Held> going;
    List<Backend> routable = pool.snapshot().routable();
    synchronized (this) {
      if (routable.isEmpty() || (waiting.isEmpty() && coldSinceNanos < 0)) {
        return;
      }
      going = new ArrayList<>(waiting);
      waiting.clear();
      if (coldSinceNanos >= 0) {
        Backend first = ready != null ? ready : routable.getFirst();
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - coldSinceNanos);
        coldStarts = coldStarts.plus(millis, coldHeld);
        coldSinceNanos = -1;
        events.publish(pool.name(), new ColdStart(first.id(), millis, coldHeld));
      }
    }
    for (Held held : going) {
      Backend picked = pool.pick(held.context(), List.of());
      held.answer().complete(picked != null ? picked : routable.getFirst());
    }
  }

  /** Whether the client is a browser, which is better off with a page than with a long wait. */
  private static boolean wantsPage(HttpHeaders headers) {
    String accept = headers.get(HttpHeaderNames.ACCEPT);
    return accept != null && AsciiString.containsIgnoreCase(accept, "text/html");
  }

  /** A browser's request waited {@code pageAfter}: it gets the "starting" page. */
  private void page(Held held) {
    boolean removed;
    synchronized (this) {
      removed = waiting.remove(held);
    }
    if (removed) {
      held.answer().completeExceptionally(StartingPage.INSTANCE);
    }
  }

  private void expire(Held held) {
    boolean removed;
    synchronized (this) {
      removed = waiting.remove(held);
    }
    if (removed) {
      held.answer().complete(null); // 503 with Retry-After
    }
  }

  /** Answers every waiting request 503 and holds no more (the proxy is stopping). */
  void close() {
    List<Held> going;
    synchronized (this) {
      closed = true;
      going = new ArrayList<>(waiting);
      waiting.clear();
    }
    going.forEach(h -> h.answer().complete(null));
  }

  /** Applies reloaded settings; requests already waiting keep their deadline. */
  void settings(HoldQueueConfig next) {
    this.settings = next;
  }

  @Override
  public synchronized int queueLength() {
    return waiting.size();
  }

  /** The cold starts measured so far. */
  public ColdStartStats coldStarts() {
    return coldStarts;
  }
}
