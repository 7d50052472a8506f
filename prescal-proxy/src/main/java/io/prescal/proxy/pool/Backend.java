package io.prescal.proxy.pool;

import io.prescal.common.event.BackendKind;
import io.prescal.common.event.BackendState;
import io.prescal.proxy.provider.ProvidedBackend;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One server of a service, shared by all event loops. Identity is fixed; state, in-flight count,
 * counters and the latency estimate change concurrently and are safe to read from any thread.
 */
public final class Backend {
  private final String id;
  private final InetSocketAddress address;
  private final BackendKind kind;
  private final String container;
  private final String image;
  private final Instant startedAt;
  private volatile int weight;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final BackendStats stats = new BackendStats();
  private final PeakEwma latency = new PeakEwma();
  private final OutlierCounters outlier = new OutlierCounters();
  private volatile BackendState state = BackendState.STARTING;
  private volatile long readySinceNanos;
  private volatile Runnable idleListener;
  private volatile String ejectedBy;

  /** A backend of weight {@code weight} (1 to 1000; a larger weight gets more requests). */
  public Backend(
      String id,
      InetSocketAddress address,
      BackendKind kind,
      String container,
      String image,
      Instant startedAt,
      int weight) {
    this.id = Objects.requireNonNull(id, "id");
    this.address = Objects.requireNonNull(address, "address");
    this.kind = Objects.requireNonNull(kind, "kind");
    this.container = container;
    this.image = image;
    this.startedAt = Objects.requireNonNull(startedAt, "startedAt");
    if (weight < 1) {
      throw new IllegalArgumentException("weight: " + weight + " (expected: >= 1)");
    }
    this.weight = weight;
  }

  /** A static backend listed in the configuration. */
  public static Backend ofStatic(InetSocketAddress address, int weight) {
    String id = address.getHostString() + ":" + address.getPort();
    return new Backend(id, address, BackendKind.STATIC, null, null, Instant.now(), weight);
  }

  /** A backend a provider started or adopted, with weight 1. */
  public static Backend of(ProvidedBackend provided) {
    return new Backend(
        provided.id(),
        provided.address(),
        provided.kind(),
        provided.container(),
        provided.image(),
        provided.startedAt(),
        1);
  }

  /** Marks the start of a request routed here. */
  public void beginRequest() {
    inFlight.incrementAndGet();
  }

  /** Marks the end of a request routed here, whatever its outcome. */
  public void endRequest() {
    if (inFlight.decrementAndGet() == 0) {
      Runnable listener = idleListener;
      if (listener != null) {
        listener.run();
      }
    }
  }

  void setState(BackendState state) {
    if (state == BackendState.READY) {
      readySinceNanos = System.nanoTime();
    }
    this.state = state;
  }

  void ejectedBy(String check) {
    this.ejectedBy = check;
  }

  /** Which check ejected the backend ("active" or "passive"), or null when it is not ejected. */
  public String ejectedBy() {
    return state == BackendState.EJECTED ? ejectedBy : null;
  }

  void onIdle(Runnable listener) {
    this.idleListener = listener;
  }

  public String id() {
    return id;
  }

  public InetSocketAddress address() {
    return address;
  }

  /** host:port as events show it. */
  public String addressText() {
    return address.getHostString() + ":" + address.getPort();
  }

  public BackendKind kind() {
    return kind;
  }

  public String container() {
    return container;
  }

  public String image() {
    return image;
  }

  public Instant startedAt() {
    return startedAt;
  }

  public int weight() {
    return weight;
  }

  /** Changes the weight (a reload changed it); balancers see it on their next pick. */
  public void reweight(int weight) {
    if (weight < 1) {
      throw new IllegalArgumentException("weight: " + weight + " (expected: >= 1)");
    }
    this.weight = weight;
  }

  public BackendState state() {
    return state;
  }

  /** When the backend last became READY ({@link System#nanoTime()}), for slow start. */
  public long readySinceNanos() {
    return readySinceNanos;
  }

  public int inFlight() {
    return inFlight.get();
  }

  public BackendStats stats() {
    return stats;
  }

  /** The peak-EWMA latency estimate, for the peak-EWMA balancer. */
  public PeakEwma latency() {
    return latency;
  }

  /** Consecutive failures and ejections, for passive outlier detection. */
  public OutlierCounters outlier() {
    return outlier;
  }

  @Override
  public String toString() {
    return id + "(" + addressText() + ", " + state + ")";
  }
}
