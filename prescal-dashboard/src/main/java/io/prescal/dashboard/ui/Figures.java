package io.prescal.dashboard.ui;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How numbers read on screen: short, with their unit, and the same everywhere. Rates in req/s,
 * fractions in %, latencies in ms or s, ages in s/m/h/d.
 */
public final class Figures {

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final DateTimeFormatter CLOCK_MILLIS =
      DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

  private Figures() {}

  /** A request rate: "0", "4.2", "310", "12.4k" (no unit: the label carries it). */
  public static String rate(double perSecond) {
    if (!Double.isFinite(perSecond) || perSecond <= 0) {
      return "0";
    }
    if (perSecond >= 10_000) {
      return format("%.1fk", perSecond / 1000);
    }
    if (perSecond >= 100) {
      return format("%.0f", perSecond);
    }
    return format(perSecond >= 10 ? "%.1f" : "%.2f", perSecond).replaceAll("\\.?0+$", "");
  }

  /** A memory size in bytes: "256 MiB", "1.5 GiB". */
  public static String bytes(long bytes) {
    if (bytes >= 1L << 30) {
      return format("%.2f", bytes / (double) (1L << 30)).replaceAll("\\.?0+$", "") + " GiB";
    }
    return Math.max(0, bytes >> 20) + " MiB";
  }

  /** A fraction 0..1 as a percentage: "0 %", "0.20 %", "7.5 %", "100 %". */
  public static String percent(double fraction) {
    if (!Double.isFinite(fraction) || fraction <= 0) {
      return "0 %";
    }
    double pct = fraction * 100;
    if (pct >= 99.95) {
      return "100 %";
    }
    return format(pct < 1 ? "%.2f %%" : "%.1f %%", pct);
  }

  /** What a latency reads when nothing was measured: no requests, so no latency. */
  public static final String NO_LATENCY = "–";

  /**
   * A latency measured over {@code requestRate} requests a second: {@link #NO_LATENCY} when there
   * were none (an idle service has no latency, not a latency of 0 ms), else {@link #millis}.
   */
  public static String latency(double millis, double requestRate) {
    return hasTraffic(requestRate) ? millis(millis) : NO_LATENCY;
  }

  /** Whether a rate means requests were served: latencies exist only then. */
  public static boolean hasTraffic(double requestRate) {
    return Double.isFinite(requestRate) && requestRate > 0;
  }

  /** A count and its noun, singular for one: "1 backend", "0 backends", "3 replicas". */
  public static String count(long n, String one) {
    return count(n, one, one + "s");
  }

  /** A count and its noun, with an irregular plural: "1 proxy", "2 proxies". */
  public static String count(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** A latency: "0 ms", "0.42 ms", "12.5 ms", "480 ms", "1.25 s". */
  public static String millis(double millis) {
    if (!Double.isFinite(millis) || millis <= 0) {
      return "0 ms";
    }
    if (millis >= 1000) {
      return format(millis >= 10_000 ? "%.1f s" : "%.2f s", millis / 1000);
    }
    if (millis >= 100) {
      return format("%.0f ms", millis);
    }
    return format(millis >= 10 ? "%.1f ms" : "%.2f ms", millis);
  }

  /** An age or duration in whole seconds: "45 s", "3 m 20 s", "2 h 5 m", "3 d 4 h". */
  public static String age(long seconds) {
    if (seconds < 60) {
      return Math.max(0, seconds) + " s";
    }
    if (seconds < 3600) {
      return seconds / 60 + " m" + (seconds % 60 == 0 ? "" : " " + seconds % 60 + " s");
    }
    if (seconds < 86_400) {
      return seconds / 3600 + " h " + seconds % 3600 / 60 + " m";
    }
    return seconds / 86_400 + " d " + seconds % 86_400 / 3600 + " h";
  }

  /** Wall-clock time of day in the server's zone: "12:00:03". */
  public static String clock(Instant time) {
    return time == null ? "never" : CLOCK.format(time);
  }

  /** Wall-clock time with milliseconds: "12:00:03.123". */
  public static String clockMillis(Instant time) {
    return time == null ? "never" : CLOCK_MILLIS.format(time);
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
