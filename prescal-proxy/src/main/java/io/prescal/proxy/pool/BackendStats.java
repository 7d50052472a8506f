package io.prescal.proxy.pool;

import io.prescal.common.metrics.LatencyHistogram;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * A backend's traffic counters, written from every event loop without locks. Counts are cumulative
 * (readers compute deltas); latency goes to two HdrHistogram recorders because two readers close
 * intervals on their own schedule: the metrics publisher and the admin status window.
 */
public final class BackendStats {
  private final LongAdder requests = new LongAdder();
  private final LongAdder[] statusClasses = adders(5);
  private final LongAdder[] errors = adders(ErrorClass.values().length);
  private final Recorder metricsLatency = newRecorder();
  private final Recorder statusLatency = newRecorder();

  /** Records a completed response. */
  public void recordResponse(int status, long latencyMicros) {
    requests.increment();
    int statusClass = status / 100;
    if (statusClass >= 1 && statusClass <= 5) {
      statusClasses[statusClass - 1].increment();
    }
    if (status >= 500) {
      errors[ErrorClass.STATUS.ordinal()].increment();
    }
    long clamped = Math.max(1, Math.min(latencyMicros, LatencyHistogram.HIGHEST_MICROS));
    metricsLatency.recordValue(clamped);
    statusLatency.recordValue(clamped);
  }

  /** Records a request that got no response from the backend. */
  public void recordError(ErrorClass error) {
    errors[error.ordinal()].increment();
  }

  /** Responses completed so far. */
  public long requests() {
    return requests.sum();
  }

  /** Responses so far with status class {@code statusClass} (1 to 5). */
  public long statusClass(int statusClass) {
    return statusClasses[statusClass - 1].sum();
  }

  /** Failures so far of class {@code error}. */
  public long errors(ErrorClass error) {
    return errors[error.ordinal()].sum();
  }

  /** Latency since the previous call (for the metrics publisher). */
  public Histogram takeMetricsLatency(Histogram recycle) {
    return metricsLatency.getIntervalHistogram(recycle);
  }

  /** Latency since the previous call (for the admin status window). */
  public Histogram takeStatusLatency(Histogram recycle) {
    return statusLatency.getIntervalHistogram(recycle);
  }

  private static Recorder newRecorder() {
    return new Recorder(LatencyHistogram.HIGHEST_MICROS, LatencyHistogram.SIGNIFICANT_DIGITS);
  }

  private static LongAdder[] adders(int count) {
    LongAdder[] adders = new LongAdder[count];
    for (int i = 0; i < count; i++) {
      adders[i] = new LongAdder();
    }
    return adders;
  }
}
