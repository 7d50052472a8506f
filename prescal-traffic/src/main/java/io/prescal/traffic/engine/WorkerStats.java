package io.prescal.traffic.engine;

import java.util.concurrent.atomic.AtomicLongArray;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.SingleWriterRecorder;

/**
 * What one worker measured. Its event loop is the only writer; the collector thread reads intervals
 * once a second. Recorders hand over interval histograms without locking the writer, and counters
 * are written with release stores, so recording costs a few nanoseconds.
 */
public final class WorkerStats {

  /** Highest latency recorded, in microseconds (one hour); longer ones are clamped to it. */
  public static final long HIGHEST_MICROS = 3_600_000_000L;

  /** Significant digits of every histogram: 3, as wrk2. */
  public static final int DIGITS = 3;

  private static final int STATUSES = 600;

  private final SingleWriterRecorder corrected = recorder();
  private final SingleWriterRecorder uncorrected = recorder();
  private final SingleWriterRecorder lag = recorder();
  private final SingleWriterRecorder connect = recorder();
  private final SingleWriterRecorder handshake = recorder();
  private final AtomicLongArray counters = new AtomicLongArray(Counter.values().length);
  private final AtomicLongArray statuses = new AtomicLongArray(STATUSES);
  private volatile int inFlight;
  private volatile int connections;
  private volatile String tlsSession;
  private volatile String connectError;

  static SingleWriterRecorder recorder() {
    return new SingleWriterRecorder(1, HIGHEST_MICROS, DIGITS);
  }

  /** A histogram with the range and precision of every recorder here. */
  public static Histogram newHistogram() {
    return new Histogram(1, HIGHEST_MICROS, DIGITS);
  }

  void complete(long intendedNanos, long sentNanos, long nowNanos, int status) {
    corrected.recordValue(micros(nowNanos - intendedNanos));
    uncorrected.recordValue(micros(nowNanos - sentNanos));
    add(Counter.COMPLETED, 1);
    if (status >= 0 && status < STATUSES) {
      statuses.lazySet(status, statuses.get(status) + 1);
    }
  }

  /**
   * A connection became ready {@code connectNanos} after its connect started, {@code
   * handshakeNanos} of which were its TLS handshake (-1: no TLS).
   */
  void connected(long connectNanos, long handshakeNanos) {
    connect.recordValue(micros(connectNanos));
    if (handshakeNanos >= 0) {
      handshake.recordValue(micros(handshakeNanos));
    }
    add(Counter.CONNECTIONS, 1);
  }

  /** The TLS version and cipher of a handshake; the first one is kept. */
  void tlsSession(String description) {
    if (tlsSession == null) {
      tlsSession = description;
    }
  }

  /** Why a connection was not made; the first one is kept. */
  void connectError(String description) {
    if (connectError == null) {
      connectError = description;
    }
  }

  void lag(long nanos) {
    lag.recordValue(micros(nanos));
  }

  void add(Counter counter, long n) {
    int i = counter.ordinal();
    counters.lazySet(i, counters.get(i) + n);
  }

  void gauges(int inFlight, int connections) {
    this.inFlight = inFlight;
    this.connections = connections;
  }

  static long micros(long nanos) {
    return Math.min(HIGHEST_MICROS, Math.max(0, nanos / 1000));
  }

  /** Latency from the intended send time, recorded since the last call; recycles {@code old}. */
  public Histogram correctedInterval(Histogram old) {
    return corrected.getIntervalHistogram(old);
  }

  /** Latency from the actual send time, recorded since the last call. */
  public Histogram uncorrectedInterval(Histogram old) {
    return uncorrected.getIntervalHistogram(old);
  }

  /** Schedule lag (actual minus intended send time) recorded since the last call. */
  public Histogram lagInterval(Histogram old) {
    return lag.getIntervalHistogram(old);
  }

  /** Connect times (connect start to ready, microseconds) since the last call. */
  public Histogram connectInterval(Histogram old) {
    return connect.getIntervalHistogram(old);
  }

  /** TLS handshake times (microseconds) since the last call. */
  public Histogram handshakeInterval(Histogram old) {
    return handshake.getIntervalHistogram(old);
  }

  /** The first TLS session's version and cipher, or null. */
  public String tlsSession() {
    return tlsSession;
  }

  /** The first connect error's description, or null. */
  public String connectError() {
    return connectError;
  }

  /** The running total of {@code counter}. */
  public long count(Counter counter) {
    return counters.get(counter.ordinal());
  }

  /** The running total of responses with {@code status}. */
  public long status(int status) {
    return statuses.get(status);
  }

  /** Number of status slots (0 to 599). */
  public static int statusSlots() {
    return STATUSES;
  }

  /** Requests in flight at the last update. */
  public int inFlight() {
    return inFlight;
  }

  /** Open connections at the last update. */
  public int connections() {
    return connections;
  }
}
