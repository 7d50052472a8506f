package io.prescal.traffic.cli;

import io.prescal.traffic.plan.DurationText;
import io.prescal.traffic.plan.RateText;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option converters: durations ("30s"), rates ("2000/s") and sizes ("1k"). */
final class Converters {

  private Converters() {}

  /** "250ms", "30s", "2m". */
  static final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      try {
        return DurationText.parse(value);
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** "2000", "2000/s", "2k/s". */
  static final class RateConverter implements ITypeConverter<Double> {
    @Override
    public Double convert(String value) {
      try {
        double rate = RateText.parse(value);
        if (rate <= 0) {
          throw new TypeConversionException("\"" + value + "\": the rate must be above 0");
        }
        return rate;
      } catch (IllegalArgumentException e) {
        throw new TypeConversionException(e.getMessage());
      }
    }
  }

  /** Bytes: "512", "1k", "4KiB", "1m". */
  static final class SizeConverter implements ITypeConverter<Integer> {
    @Override
    public Integer convert(String value) {
      String v = value.trim().toLowerCase(Locale.ROOT).replace("ib", "").replace("b", "");
      long factor = 1;
      if (v.endsWith("k")) {
        factor = 1024;
        v = v.substring(0, v.length() - 1);
      } else if (v.endsWith("m")) {
        factor = 1024 * 1024;
        v = v.substring(0, v.length() - 1);
      }
      try {
        long bytes = Long.parseLong(v) * factor;
        if (bytes < 0 || bytes > 64 * 1024 * 1024) {
          throw new NumberFormatException();
        }
        return (int) bytes;
      } catch (NumberFormatException e) {
        throw new TypeConversionException(
            "\"" + value + "\" is not a size (expected: bytes up to 64m, e.g. 512, 4k, 1m)");
      }
    }
  }
}
