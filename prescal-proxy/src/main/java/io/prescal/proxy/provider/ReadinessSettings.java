package io.prescal.proxy.provider;

import java.time.Duration;
import java.util.List;

/**
 * How a new backend is probed before it joins the pool (docs/autoscaling.md, "Readiness").
 *
 * @param path the path to GET, e.g. {@code /health}; a status from 200 to 399 means ready
 * @param interval the pause between attempts
 * @param timeout how long one attempt may take
 * @param deadline how long a backend may take to become ready before it counts as failed
 */
public record ReadinessSettings(
    String path, Duration interval, Duration timeout, Duration deadline) {

  /** GET / every 250 ms, 1 s per attempt, 60 s in all. */
  public static ReadinessSettings defaults() {
    return new ReadinessSettings(
        "/", Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(60));
  }

  /** Every problem in these settings; empty when they are usable. */
  public List<SettingsProblem> problems() {
    return new SettingsProblem.Collector()
        .check(path != null && path.startsWith("/"), "path", path, "a path starting with /")
        .check(positive(interval), "interval", interval, "a duration > 0, e.g. 250ms")
        .check(positive(timeout), "timeout", timeout, "a duration > 0, e.g. 1s")
        .check(
            positive(deadline) && (timeout == null || deadline.compareTo(timeout) >= 0),
            "deadline",
            deadline,
            "a duration >= timeout, e.g. 60s")
        .problems();
  }

  /** These settings when valid, else an exception that lists every problem. */
  public ReadinessSettings validated() {
    SettingsProblem.throwIfAny("readiness settings", problems());
    return this;
  }

  private static boolean positive(Duration d) {
    return d != null && d.isPositive();
  }
}
