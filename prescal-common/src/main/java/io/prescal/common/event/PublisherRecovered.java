package io.prescal.common.event;

/**
 * A publisher reached Redis again after an outage.
 *
 * @param dropped messages dropped (oldest first) while Redis was away
 * @param outageMillis how long Redis was away
 */
public record PublisherRecovered(long dropped, long outageMillis) implements PrescalEvent {
  public PublisherRecovered {
    Require.nonNegative(dropped, "dropped");
    Require.nonNegative(outageMillis, "outageMillis");
  }

  @Override
  public Severity severity() {
    return dropped > 0 ? Severity.WARNING : Severity.INFO;
  }
}
