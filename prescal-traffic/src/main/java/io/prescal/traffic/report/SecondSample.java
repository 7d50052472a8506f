package io.prescal.traffic.report;

import io.prescal.traffic.engine.WorkerStats;
import java.nio.ByteBuffer;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * One second's figures kept for analysis after the run, its latency histogram compressed (a few
 * hundred bytes instead of a full histogram) so long runs stay small.
 *
 * @param second seconds since measurement started, at the end of the sample
 * @param seconds the sample's length in seconds
 * @param requests requests that ended
 * @param completed responses
 * @param errors failed requests
 * @param compressedLatency HdrHistogram's compressed encoding of the corrected latency
 */
public record SecondSample(
    int second,
    double seconds,
    long requests,
    long completed,
    long errors,
    byte[] compressedLatency) {

  // The encoder needs room for a full histogram; one buffer per thread, not one per second.
  private static final ThreadLocal<ByteBuffer> BUFFER =
      ThreadLocal.withInitial(() -> ByteBuffer.allocate(0));

  /** A sample of {@code latency}. */
  public static SecondSample of(
      int second, double seconds, long requests, long completed, long errors, Histogram latency) {
    ByteBuffer buffer = BUFFER.get();
    if (buffer.capacity() < latency.getNeededByteBufferCapacity()) {
      buffer = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
      BUFFER.set(buffer);
    }
    buffer.clear();
    int length = latency.encodeIntoCompressedByteBuffer(buffer);
    byte[] bytes = java.util.Arrays.copyOf(buffer.array(), length);
    return new SecondSample(second, seconds, requests, completed, errors, bytes);
  }

  /** Adds this sample's latency into {@code target}. */
  public void addLatencyTo(Histogram target) {
    try {
      target.add(
          Histogram.decodeFromCompressedByteBuffer(
              ByteBuffer.wrap(compressedLatency), WorkerStats.HIGHEST_MICROS));
    } catch (DataFormatException e) {
      throw new IllegalStateException("sample of second " + second + " is corrupt", e);
    }
  }
}
