package io.prescal.event.api;

import io.prescal.common.Keys;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Function;
import org.springframework.boot.convert.DurationStyle;

/**
 * The parameters of a history request, checked: {@code from} and {@code to} as epoch milliseconds
 * or ISO-8601 instants (default: the last 15 minutes), {@code step} as a duration such as {@code
 * 1s}, {@code 10s}, {@code 1m}, {@code 1h} (default: {@code 1s} when the per-second series still
 * covers {@code from}, else {@code 1m}). The series read is the per-second one for steps under a
 * minute, else the per-minute one.
 *
 * @param from start, epoch ms, inclusive
 * @param to end, epoch ms, inclusive
 * @param stepMillis the width of one returned point
 * @param resolution the series to read
 */
record HistoryQuery(long from, long to, long stepMillis, Keys.Resolution resolution) {

  static final Duration DEFAULT_RANGE = Duration.ofMinutes(15);
  static final long MAX_POINTS = 100_000;

  static HistoryQuery parse(
      String from,
      String to,
      String step,
      Instant now,
      Function<Keys.Resolution, Duration> retention) {
    long end = to == null || to.isBlank() ? now.toEpochMilli() : instant("to", to);
    long start =
        from == null || from.isBlank() ? end - DEFAULT_RANGE.toMillis() : instant("from", from);
    if (start > end) {
      throw ApiError.badRequest("from: " + start + " (expected: <= to=" + end + ")");
    }
    long stepMillis;
    if (step == null || step.isBlank()) {
      boolean secondsCover =
          start >= now.toEpochMilli() - retention.apply(Keys.Resolution.SECOND).toMillis();
      stepMillis = secondsCover ? 1_000 : 60_000;
    } else {
      stepMillis = duration(step);
    }
    Keys.Resolution resolution =
        stepMillis < Keys.Resolution.MINUTE.millis()
            ? Keys.Resolution.SECOND
            : Keys.Resolution.MINUTE;
    if (stepMillis % resolution.millis() != 0) {
      throw ApiError.badRequest(
          "step: \""
              + step
              + "\" (expected: a whole number of "
              + (resolution == Keys.Resolution.SECOND ? "seconds" : "minutes")
              + ")");
    }
    if ((end - start) / stepMillis > MAX_POINTS) {
      throw ApiError.badRequest(
          "step: \"" + step + "\" gives over " + MAX_POINTS + " points (expected: a larger step)");
    }
    return new HistoryQuery(start, end, stepMillis, resolution);
  }

  private static long instant(String name, String value) {
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException notANumber) {
      try {
        return Instant.parse(value).toEpochMilli();
      } catch (DateTimeParseException e) {
        throw ApiError.badRequest(
            name
                + ": \""
                + value
                + "\" (expected: epoch milliseconds or an ISO-8601 instant such as"
                + " 2026-11-25T12:00:00Z)");
      }
    }
  }

  private static long duration(String value) {
    try {
      long millis = DurationStyle.detectAndParse(value).toMillis();
      if (millis >= 1_000) {
        return millis;
      }
    } catch (IllegalArgumentException e) {
      // answered below
    }
    throw ApiError.badRequest(
        "step: \"" + value + "\" (expected: a duration of at least 1s, e.g. 1s, 10s, 1m, 1h)");
  }
}
