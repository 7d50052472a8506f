package io.prescal.common.metrics;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;

/**
 * A latency distribution in microseconds that can be merged across proxy instances and intervals.
 *
 * <p>On the wire it is the Base64 of HdrHistogram's compressed encoding: compact, lossless at the
 * histogram's precision, and readable by any HdrHistogram implementation. Instances are immutable:
 * {@link #merge} returns a new histogram. Record into a mutable {@link Histogram} from {@link
 * #newHistogram}, then freeze it with {@link #of}.
 */
public final class LatencyHistogram {

  /** Highest trackable value: one hour, in microseconds. Larger values are clamped to it. */
  public static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);

  /** Significant decimal digits kept: values are exact to within 1%. */
  public static final int SIGNIFICANT_DIGITS = 2;

  private static final LatencyHistogram EMPTY = new LatencyHistogram(newHistogram());

  private final Histogram histogram;

  private LatencyHistogram(Histogram histogram) {
    this.histogram = histogram;
  }

  /** A new mutable histogram with the contract's range and precision, for recording. */
  public static Histogram newHistogram() {
    return new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
  }

  /** The empty distribution. */
  public static LatencyHistogram empty() {
    return EMPTY;
  }

  /** A frozen copy of {@code recorded}. */
  public static LatencyHistogram of(Histogram recorded) {
    Histogram copy = newHistogram();
    copy.add(recorded);
    return new LatencyHistogram(copy);
  }

  /**
   * Reads the wire form.
   *
   * @throws IllegalArgumentException when {@code encoded} is not a Base64 compressed HdrHistogram
   */
  @JsonCreator
  public static LatencyHistogram decode(String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return EMPTY;
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(encoded);
      Histogram read = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(bytes), 0);
      return of(read);
    } catch (DataFormatException | RuntimeException e) {
      throw new IllegalArgumentException(
          "latency: not a Base64 compressed HdrHistogram (" + e.getMessage() + ")", e);
    }
  }

  /** The wire form: Base64 of the compressed HdrHistogram encoding. */
  @JsonValue
  public String encode() {
    if (histogram.getTotalCount() == 0) {
      return "";
    }
    ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
    int length = histogram.encodeIntoCompressedByteBuffer(buffer);
    return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
  }

  /** A new histogram holding both distributions. */
  public LatencyHistogram merge(LatencyHistogram other) {
    if (other.count() == 0) {
      return this;
    }
    if (count() == 0) {
      return other;
    }
    Histogram sum = newHistogram();
    sum.add(histogram);
    sum.add(other.histogram);
    return new LatencyHistogram(sum);
  }

  /** Adds this distribution into a mutable histogram (for merging many without copies). */
  public void addTo(Histogram target) {
    target.add(histogram);
  }

  /** Number of recorded values. */
  public long count() {
    return histogram.getTotalCount();
  }

  /** The value at {@code percentile} (0 to 100) in microseconds; 0 when empty. */
  public long percentileMicros(double percentile) {
    return count() == 0 ? 0 : histogram.getValueAtPercentile(percentile);
  }

  /** The largest recorded value in microseconds; 0 when empty. */
  public long maxMicros() {
    return count() == 0 ? 0 : histogram.getMaxValue();
  }

  /** The mean in microseconds; 0 when empty. */
  public double meanMicros() {
    return count() == 0 ? 0 : histogram.getMean();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyHistogram other && histogram.equals(other.histogram);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(count());
  }

  @Override
  public String toString() {
    return "LatencyHistogram[count="
        + count()
        + ", p50="
        + percentileMicros(50)
        + "us, p99="
        + percentileMicros(99)
        + "us]";
  }
}
