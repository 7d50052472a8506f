package io.prescal.proxy.scale;

import io.prescal.common.event.ScaleMode;
import java.util.Locale;

/**
 * A replica count on its way through the decision steps, with the sentence that explains it. Each
 * bound that changes the count adds its clause, so the final reason tells which rule decided.
 */
record Verdict(int replicas, ScaleMode mode, String reason) {

  /** The count lowered to {@code limit}, explained by {@code why} when it changes anything. */
  Verdict atMost(int limit, String why) {
    return replicas > limit ? new Verdict(limit, mode, reason + "; " + why) : this;
  }

  /** The count raised to {@code limit}, explained by {@code why} when it changes anything. */
  Verdict atLeast(int limit, String why) {
    return replicas < limit ? new Verdict(limit, mode, reason + "; " + why) : this;
  }

  /** A number as reasons show it: one decimal, locale-independent. */
  static String number(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  /** A count with its noun: "1 replica", "3 replicas". */
  static String replicas(int count) {
    return count + (count == 1 ? " replica" : " replicas");
  }

  /** A duration in seconds as reasons show it: "60 s", "0.5 s". */
  static String seconds(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + " s" : number(millis / 1000.0) + " s";
  }
}
