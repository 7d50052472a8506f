package io.prescal.traffic.events;

import java.util.Locale;

/**
 * How the system answered one load step of the profile.
 *
 * @param second when the step came, seconds since measurement started
 * @param fromRate planned rate just before
 * @param toRate planned rate after
 * @param secondsToCapacity from the step to the first backend ready after it, or null if none came
 * @param backendsReady backends that became ready before the next step
 * @param secondsToRecover from the step to the first second whose p99 is back near the level before
 *     the step (at most twice it, or 1 ms over it), or null if it never was
 */
public record StepResponse(
    double second,
    double fromRate,
    double toRate,
    Double secondsToCapacity,
    int backendsReady,
    Double secondsToRecover) {

  /** The step in one sentence, as the text and HTML reports both print it. */
  public String sentence() {
    return String.format(
        Locale.ROOT,
        "Load step at %.1fs (%.0f -> %.0f req/s): capacity %s, %d backend(s) ready, latency back %s",
        second,
        fromRate,
        toRate,
        secondsToCapacity == null
            ? "none arrived"
            : String.format(Locale.ROOT, "after %.1fs", secondsToCapacity),
        backendsReady,
        secondsToRecover == null
            ? "never"
            : String.format(Locale.ROOT, "after %.1fs", secondsToRecover));
  }
}
