package io.prescal.proxy.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * One listener's connection counters: what is open now, and each kind of refusal the edge makes
 * before a request is routed. Updated from the accepting thread and the event loops.
 */
public final class ListenerStats {
  private volatile String address;
  private final AtomicInteger open = new AtomicInteger();
  private final LongAdder paused = new LongAdder();
  private final LongAdder overLimit = new LongAdder();
  private final LongAdder perClientRejected = new LongAdder();
  private final LongAdder headTimeouts = new LongAdder();
  private final LongAdder tlsFailures = new LongAdder();

  ListenerStats(String address) {
    this.address = address;
  }

  /** The listener's address, {@code ip:port}. */
  public String address() {
    return address;
  }

  /** Client connections open now. */
  public int open() {
    return open.get();
  }

  /** Times the listener stopped accepting at {@code limits.maxConnections}. */
  public long paused() {
    return paused.sum();
  }

  /**
   * Connections closed at once because they were accepted in the same batch that reached {@code
   * limits.maxConnections}.
   */
  public long overLimit() {
    return overLimit.sum();
  }

  /** Connections closed at once over {@code limits.maxConnectionsPerClient}. */
  public long perClientRejected() {
    return perClientRejected.sum();
  }

  /** Requests answered 408: their head did not arrive within {@code timeouts.requestHead}. */
  public long headTimeouts() {
    return headTimeouts.sum();
  }

  /**
   * TLS connections closed on a TLS error: not TLS at all, no protocol or cipher in common, a
   * handshake not finished within {@code timeouts.requestHead}, a broken record.
   */
  public long tlsFailures() {
    return tlsFailures.sum();
  }

  /** The counters for the admin {@code /status} document. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("address", address);
    out.put("connections", open());
    out.put("paused", paused());
    out.put("rejectedOverLimit", overLimit());
    out.put("rejectedPerClient", perClientRejected());
    out.put("requestHeadTimeouts", headTimeouts());
    out.put("tlsFailures", tlsFailures());
    return out;
  }

  /** The address as bound (the port picked when 0 was asked for). */
  void boundTo(String address) {
    this.address = address;
  }

  int opened() {
    return open.incrementAndGet();
  }

  int closed() {
    return open.decrementAndGet();
  }

  void countPause() {
    paused.increment();
  }

  void countOverLimit() {
    overLimit.increment();
  }

  void countPerClient() {
    perClientRejected.increment();
  }

  void countHeadTimeout() {
    headTimeouts.increment();
  }

  void countTlsFailure() {
    tlsFailures.increment();
  }
}
