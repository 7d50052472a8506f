package io.prescal.dashboard.overview;

import java.time.Duration;

/** The chart ranges a user can pick. */
public enum TimeRange {
  FIVE_MINUTES("5 min", Duration.ofMinutes(5)),
  FIFTEEN_MINUTES("15 min", Duration.ofMinutes(15)),
  HOUR("60 min", Duration.ofMinutes(60));

  private final String label;
  private final Duration window;

  TimeRange(String label, Duration window) {
    this.label = label;
    this.window = window;
  }

  public String label() {
    return label;
  }

  public Duration window() {
    return window;
  }
}
